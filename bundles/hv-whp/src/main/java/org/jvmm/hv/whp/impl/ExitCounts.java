package org.jvmm.hv.whp.impl;

import org.jvmm.hv.whp.impl.ffm.WhpExit;
import org.jvmm.inspect.InspectNode;

/** Exits of one processor by reason. Written by its thread only; read racily by inspect. */
final class ExitCounts {
    private long mmio;
    private long io;
    private long halt;
    private long cpuid;
    private long msr;
    private long window;
    private long eoi;
    private long exception;
    private long canceled;
    private long other;
    private long unhandledMsr = -1;

    void count(WhpExit exit) {
        switch (exit) {
            case WhpExit.MemoryAccess m -> mmio++;
            case WhpExit.IoPort p -> io++;
            case WhpExit.Halt h -> halt++;
            case WhpExit.Cpuid c -> cpuid++;
            case WhpExit.MsrAccess m -> msr++;
            case WhpExit.InterruptWindow w -> window++;
            case WhpExit.ApicEoi e -> eoi++;
            case WhpExit.GuestException e -> exception++;
            case WhpExit.Canceled c -> canceled++;
            default -> other++;
        }
    }

    /** The last MSR the hypervisor did not implement and this backend answered with 0 / ignored. */
    void unhandledMsr(int msr) {
        unhandledMsr = msr & 0xFFFF_FFFFL;
    }

    long total() {
        return mmio + io + halt + cpuid + msr + window + eoi + exception + canceled + other;
    }

    void inspect(InspectNode node) {
        node.field("mmio", mmio).field("io", io).field("halt", halt).field("cpuid", cpuid).field("msr", msr)
                .field("interruptWindow", window).field("apicEoi", eoi).field("exception", exception)
                .field("canceled", canceled).field("other", other);
        if (unhandledMsr >= 0) {
            node.hex("lastUnhandledMsr", unhandledMsr);
        }
    }
}
