package org.jvmm.cli.impl.launch;

import java.io.PrintStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;

/** Waiting for a VM to end, and the exit status it ends with. */
final class VmRun {
    /** The stop reason the worker gives for a guest power-off (see {@link VmControl}). */
    static final String POWERED_OFF = "powered off";
    /** The stop reason the worker gives for {@link VmControl#stop()} (vm:quit, the end of the shell). */
    static final String STOPPED_BY_REQUEST = "stopped by request";

    private VmRun() {
    }

    /** Blocks until the VM is STOPPED or FAILED. */
    static VmState awaitEnd(VmControl vm) throws InterruptedException {
        CompletableFuture<VmState> end = new CompletableFuture<>();
        try (Registration _ = vm.addStateListener(s -> {
            if (isEnd(s)) {
                end.complete(s);
            }
        })) {
            if (isEnd(vm.state())) {
                end.complete(vm.state());
            }
            return end.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("state listener failed", e.getCause());
        }
    }

    /**
     * The status the guest asked for through a debug-exit device; else 0 for a VM that is still
     * running, was powered off by its guest or was stopped on request; otherwise 1, with a line
     * on {@code err} saying why it ended.
     */
    static int exitStatus(VmControl vm, PrintStream err) {
        if (vm.guestExitStatus().isPresent()) {
            return vm.guestExitStatus().getAsInt();
        }
        VmState state = vm.state();
        Optional<String> reason = vm.stopReason();
        if (state == VmState.FAILED) {
            err.println("jvmm: vm failed: " + reason.orElse("unknown error"));
            return 1;
        }
        if (state == VmState.STOPPED && reason.isPresent() && !isNormalEnd(reason.get())) {
            err.println("jvmm: vm stopped: " + reason.get());
            return 1;
        }
        return 0;
    }

    /** Stops the VM unless it already is; a FAILED VM is stopped too, to release it. */
    static void stopIfRunning(VmControl vm) {
        if (vm.state() != VmState.STOPPED && vm.state() != VmState.STOPPING) {
            vm.stop();
        }
    }

    private static boolean isNormalEnd(String reason) {
        return reason.startsWith(POWERED_OFF) || reason.equals(STOPPED_BY_REQUEST);
    }

    private static boolean isEnd(VmState s) {
        return s == VmState.STOPPED || s == VmState.FAILED;
    }
}
