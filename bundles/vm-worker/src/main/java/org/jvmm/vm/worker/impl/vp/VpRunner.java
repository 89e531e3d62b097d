package org.jvmm.vm.worker.impl.vp;

import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.impl.lifecycle.GuestEvent;

/** The thread of one virtual processor. Starts parked. */
final class VpRunner {
    /** Where the thread is. */
    enum Phase { NEW, RUNNING, PARKED, HALTED, EXITED }

    private final VirtualProcessor vp;
    private final CpuIo io;
    private final GuestEvent.Sink events;
    private final Object lock = new Object();
    private boolean parkRequested = true;
    private boolean terminate;
    private boolean wakeFromHalt;
    private Phase phase = Phase.NEW;
    private volatile VpExit lastExit;
    private volatile long exits;
    private Thread thread;

    VpRunner(VirtualProcessor vp, CpuIo io, GuestEvent.Sink events) {
        this.vp = vp;
        this.io = io;
        this.events = events;
    }

    void start() {
        thread = Thread.ofPlatform().name("vp-" + vp.index()).daemon(true).start(this::loop);
    }

    /** Asks the thread to park; does not wait. */
    void requestPark() {
        synchronized (lock) {
            parkRequested = true;
            lock.notifyAll();
        }
        vp.requestStop();
    }

    /** Lets a parked thread run again. */
    void release() {
        vp.clearStop();
        synchronized (lock) {
            parkRequested = false;
            lock.notifyAll();
        }
    }

    /** Wakes the thread if it waits in a halt (an NMI arrived). */
    void wakeFromHalt() {
        synchronized (lock) {
            wakeFromHalt = true;
            lock.notifyAll();
        }
    }

    /** Waits until the thread is parked or gone; false on timeout or interruption. */
    boolean awaitParked(long deadlineNanos) {
        synchronized (lock) {
            while (phase != Phase.PARKED && phase != Phase.EXITED && thread != null) {
                long left = deadlineNanos - System.nanoTime();
                if (left <= 0 || !waitOn(left)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Ends the thread and waits for it; false if it did not end by {@code deadlineNanos}. */
    boolean terminate(long deadlineNanos) {
        synchronized (lock) {
            terminate = true;
            lock.notifyAll();
        }
        vp.requestStop();
        if (thread == null) {
            return true;
        }
        try {
            long left = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000);
            thread.join(left);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return !thread.isAlive();
    }

    Phase phase() {
        synchronized (lock) {
            return phase;
        }
    }

    void inspect(InspectNode node) {
        node.field("thread", phase().name().toLowerCase(java.util.Locale.ROOT));
        VpExit last = lastExit;
        node.field("lastExit", last == null ? "none" : last.toString());
        node.field("exits", exits);
        node.child("processor", vp);
    }

    private void loop() {
        try {
            while (awaitRunnable()) {
                VpExit exit = runOnce();
                lastExit = exit;
                exits++;
                handle(exit);
            }
        } finally {
            setPhase(Phase.EXITED);
        }
    }

    private VpExit runOnce() {
        try {
            return vp.run(io);
        } catch (RuntimeException e) {
            return new VpExit.EmulationFailure(-1, "backend error: " + e);
        }
    }

    private void handle(VpExit exit) {
        switch (exit) {
            case VpExit.Stopped s -> { }
            case VpExit.Halted h -> waitInHalt();
            case VpExit.Shutdown s -> parkAndPost(new GuestEvent.Shutdown(vp.index(), s.reason(), s.detail()));
            case VpExit.EmulationFailure f -> parkAndPost(new GuestEvent.Failure(vp.index(), f.rip(), f.detail()));
            case VpExit.Debug d -> parkAndPost(new GuestEvent.Debug(vp.index(), d.reason(), d.rip()));
        }
    }

    /** Parks this VP first, so it cannot run on before the VM has handled the event. */
    private void parkAndPost(GuestEvent event) {
        synchronized (lock) {
            parkRequested = true;
        }
        events.post(event);
    }

    /** Waits while parked; false when the thread must end. */
    private boolean awaitRunnable() {
        synchronized (lock) {
            while (parkRequested && !terminate) {
                phase = Phase.PARKED;
                lock.notifyAll();
                if (!waitOn(Long.MAX_VALUE)) {
                    terminate = true;
                }
            }
            phase = terminate ? phase : Phase.RUNNING;
            return !terminate;
        }
    }

    private void waitInHalt() {
        synchronized (lock) {
            phase = Phase.HALTED;
            while (!wakeFromHalt && !parkRequested && !terminate) {
                if (!waitOn(Long.MAX_VALUE)) {
                    terminate = true;
                }
            }
            wakeFromHalt = false;
        }
    }

    private void setPhase(Phase p) {
        synchronized (lock) {
            phase = p;
            lock.notifyAll();
        }
    }

    /** Waits on {@code lock} (held); false when interrupted (the thread then ends). */
    private boolean waitOn(long nanos) {
        try {
            lock.wait(nanos == Long.MAX_VALUE ? 0 : Math.max(1, nanos / 1_000_000));
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
