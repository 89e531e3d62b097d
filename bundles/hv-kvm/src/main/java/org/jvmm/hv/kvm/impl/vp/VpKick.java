package org.jvmm.hv.kvm.impl.vp;

import org.jvmm.hv.kvm.impl.ffm.KvmRun;
import org.jvmm.hv.kvm.impl.ffm.SignalKick;

/**
 * Gets a vCPU out of KVM_RUN promptly. A kick sets {@code immediate_exit} (so a KVM_RUN about to
 * start returns EINTR at once) and, while the thread is inside KVM_RUN, sends it the kick signal
 * (which makes a running or halted KVM_RUN return EINTR). Callers set their reason (a stop request,
 * a PIC interrupt) before kicking; the run loop clears {@code immediate_exit} before reading them.
 */
final class VpKick {
    private final KvmRun run;
    private final int signal;
    private volatile boolean inKvmRun;
    /** pthread_t of the thread inside {@code run}, 0 when none; guarded by this. */
    private long thread;
    private long signalsSent;

    VpKick(KvmRun run, int signal) {
        this.run = run;
        this.signal = signal;
    }

    /** The calling thread enters {@code VirtualProcessor.run}. */
    synchronized void enter() {
        thread = SignalKick.currentThread();
    }

    /** The thread leaves {@code run}; no signal can reach it after this. */
    synchronized void leave() {
        thread = 0;
    }

    void beforeKvmRun() {
        inKvmRun = true;
    }

    void afterKvmRun() {
        inKvmRun = false;
    }

    /** Thread-safe. */
    void kick() {
        run.setImmediateExit(true);
        if (inKvmRun) {
            synchronized (this) {
                if (thread != 0) {
                    SignalKick.kick(thread, signal);
                    signalsSent++;
                }
            }
        }
    }

    synchronized long signalsSent() {
        return signalsSent;
    }
}
