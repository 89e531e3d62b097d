package org.jvmm.cli.impl.launch;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;

/** A VmControl whose state the test drives; only the lifecycle parts {@link VmRun} uses work. */
final class FakeVm implements VmControl {
    private final List<Consumer<VmState>> listeners = new ArrayList<>();
    private VmState state = VmState.RUNNING;
    private String reason;
    int stops;
    java.util.OptionalInt exitStatus = java.util.OptionalInt.empty();

    @Override
    public java.util.OptionalInt guestExitStatus() {
        return exitStatus;
    }

    synchronized void become(VmState s, String why) {
        state = s;
        reason = why;
        List.copyOf(listeners).forEach(l -> l.accept(s));
    }

    @Override
    public synchronized VmState state() {
        return state;
    }

    @Override
    public synchronized Optional<String> stopReason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public synchronized Registration addStateListener(Consumer<VmState> listener) {
        listeners.add(listener);
        return () -> {
            synchronized (this) {
                listeners.remove(listener);
            }
        };
    }

    @Override
    public void stop() {
        stops++;
        become(VmState.STOPPED, reason == null ? "stopped by jvmm" : reason);
    }

    @Override
    public void start() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void pause() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void resume() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reset() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void nmi(int vp) {
        throw new UnsupportedOperationException();
    }

    @Override
    public boolean awaitStopped(Duration timeout) {
        throw new UnsupportedOperationException();
    }

    @Override
    public byte[] readMemory(long gpa, int len) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void writeMemory(long gpa, byte[] data) {
        throw new UnsupportedOperationException();
    }

    @Override
    public InspectNode inspect() {
        throw new UnsupportedOperationException();
    }

    @Override
    public Optional<Object> inspect(String path) {
        throw new UnsupportedOperationException();
    }

    @Override
    public VmConfig config() {
        throw new UnsupportedOperationException();
    }
}
