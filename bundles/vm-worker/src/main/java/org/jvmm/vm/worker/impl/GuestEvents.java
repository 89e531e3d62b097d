package org.jvmm.vm.worker.impl;

import java.lang.System.Logger.Level;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jvmm.hv.api.VpExit;
import org.jvmm.vm.config.GuestAction;
import org.jvmm.vm.config.GuestActions;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.lifecycle.GuestEvent;

/**
 * Handles guest events on the VM's control thread. A reset request, a power-off and a triple
 * fault do what the config's {@link GuestActions} say (by default: reset; stop, so jvmm exits 0;
 * stop with the reason, no reboot); an internal error or emulation failure fails the VM, and a
 * debug exit pauses it (there is no debugger yet).
 */
final class GuestEvents implements GuestEvent.Sink {
    private static final System.Logger LOG = System.getLogger(GuestEvents.class.getName());

    private final Vm vm;
    private final ExecutorService control;
    private volatile String last = "none";

    GuestEvents(Vm vm, String name) {
        this.vm = vm;
        this.control = Executors.newSingleThreadExecutor(
                r -> Thread.ofPlatform().name(name + "-control").daemon(true).unstarted(r));
    }

    @Override
    public void post(GuestEvent event) {
        try {
            control.execute(() -> handle(event));
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, "guest event " + event + " after the VM stopped: ignored");
        }
    }

    /** Runs {@code task} on the control thread after the events already posted; a failure is logged. */
    void post(String what, Runnable task) {
        try {
            control.execute(() -> {
                try {
                    task.run();
                } catch (IllegalVmStateException e) {
                    LOG.log(Level.INFO, vm.name() + ": " + what + ": " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.log(Level.ERROR, vm.name() + ": " + what + ": handling failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            LOG.log(Level.DEBUG, what + " after the VM stopped: ignored");
        }
    }

    /** The last event handled, for inspection. */
    String last() {
        return last;
    }

    void shutdown() {
        control.shutdown();
    }

    private void handle(GuestEvent event) {
        last = describe(event);
        try {
            switch (event) {
                case GuestEvent.PowerOff p -> act(actions().onPowerOff(), "powered off");
                case GuestEvent.Exit x -> vm.exitWith(x.status());
                case GuestEvent.Reset r -> act(actions().onReset(), "guest reset");
                case GuestEvent.Shutdown s when s.reason() == VpExit.ShutdownReason.TRIPLE_FAULT ->
                        act(actions().onCrash(), describe(s));
                case GuestEvent.Shutdown s -> vm.failWith(describe(s));
                case GuestEvent.Failure f -> vm.failWith(describe(f));
                case GuestEvent.Debug d -> pauseForDebug(d);
            }
        } catch (IllegalVmStateException e) {
            LOG.log(Level.INFO, vm.name() + ": " + last + " ignored: " + e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.ERROR, vm.name() + ": handling " + last + " failed", e);
        }
    }

    private GuestActions actions() {
        return vm.config().guestActions();
    }

    /** Carries out {@code action} for the event {@code what}, saying so when it is not the usual one. */
    private void act(GuestAction action, String what) {
        switch (action.kind()) {
            case RESET -> {
                if (!what.equals("guest reset")) {
                    LOG.log(Level.WARNING, vm.name() + ": " + what + ": resetting the VM");
                }
                vm.reset();
            }
            case HALT -> {
                LOG.log(Level.WARNING, vm.name() + ": " + what + ": VM halted (vm:clear-halt or vm:reset in the shell)");
                pauseOnceRunning();
                vm.markHalted(what);
            }
            case EXIT -> {
                if (action.exitCode() >= 0) {
                    vm.exitWith(action.exitCode(), what);
                } else {
                    vm.stopWith(what);
                }
            }
        }
    }

    private void pauseForDebug(GuestEvent.Debug d) {
        LOG.log(Level.WARNING, vm.name() + ": " + describe(d) + " with no debugger attached: pausing");
        pauseOnceRunning();
        vm.markHalted(describe(d));
    }

    /**
     * Pauses the VM. A guest event can come from a VP that ran before start() moved the VM from
     * STARTING to RUNNING: then wait (bounded) for RUNNING first, so the pause is not lost.
     */
    private void pauseOnceRunning() {
        long deadline = System.nanoTime() + STARTING_WAIT_NANOS;
        while (vm.state() == VmState.STARTING && System.nanoTime() < deadline) {
            Thread.onSpinWait();
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
        }
        if (vm.state() == VmState.RUNNING) {
            vm.pause();
        }
    }

    private static final long STARTING_WAIT_NANOS = 5_000_000_000L;

    static String describe(GuestEvent event) {
        return switch (event) {
            case GuestEvent.PowerOff p -> "guest power-off";
            case GuestEvent.Exit x -> "guest exit status " + x.status();
            case GuestEvent.Reset r -> "guest reset";
            case GuestEvent.Shutdown s -> (s.reason() == VpExit.ShutdownReason.TRIPLE_FAULT ? "triple fault"
                    : "internal error") + " on vp " + s.vp() + ": " + s.detail();
            case GuestEvent.Failure f -> "emulation failure on vp " + f.vp()
                    + (f.rip() < 0 ? "" : String.format(" at rip 0x%x", f.rip())) + ": " + f.detail();
            case GuestEvent.Debug d -> "debug exit (" + d.reason().name().toLowerCase(java.util.Locale.ROOT)
                    + ") on vp " + d.vp() + String.format(" at rip 0x%x", d.rip());
        };
    }
}
