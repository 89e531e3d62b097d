package org.jvmm.vm.worker.impl.lifecycle;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;

/**
 * The current state of one VM, its stop reason and its listeners. Changes go through
 * {@link VmTransitions}; a change the table forbids is a bug in the caller and throws.
 */
public final class VmStateCell {
    private static final System.Logger LOG = System.getLogger(VmStateCell.class.getName());

    private final Object monitor = new Object();
    private final List<Consumer<VmState>> listeners = new CopyOnWriteArrayList<>();
    private volatile VmState state = VmState.CREATED;
    private volatile String reason;

    public VmState get() {
        return state;
    }

    /** The reason given with the move to STOPPED or FAILED; empty in other states. */
    public Optional<String> reason() {
        VmState s = state;
        return s == VmState.STOPPED || s == VmState.FAILED ? Optional.ofNullable(reason) : Optional.empty();
    }

    /** Throws {@code IllegalVmStateException} if {@code operation} cannot lead to {@code to} now. */
    public void check(String operation, VmState to) {
        VmTransitions.check(operation, state, to);
    }

    /** Moves to {@code to}; tells the listeners. */
    public void moveTo(VmState to) {
        moveTo(to, null);
    }

    /** Moves to {@code to} with a reason (kept for STOPPED and FAILED); tells the listeners. */
    public void moveTo(VmState to, String why) {
        synchronized (monitor) {
            VmState from = state;
            if (!VmTransitions.allowed(from, to)) {
                throw new IllegalStateException("internal: VM state " + from + " -> " + to + " is not a transition");
            }
            reason = why;
            state = to;
            monitor.notifyAll();
        }
        for (Consumer<VmState> l : listeners) {
            try {
                l.accept(to);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "VM state listener " + l.getClass().getName() + " failed on " + to, e);
            }
        }
    }

    /** Waits until the state is {@code target}; false on timeout or interruption. */
    public boolean await(VmState target, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (monitor) {
            while (state != target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    monitor.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    public Registration addListener(Consumer<VmState> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
