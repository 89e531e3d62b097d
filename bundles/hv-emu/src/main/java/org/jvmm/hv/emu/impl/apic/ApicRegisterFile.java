package org.jvmm.hv.emu.impl.apic;

import static org.jvmm.hv.emu.impl.apic.ApicRegs.*;

/**
 * Register semantics of a {@link LocalApic}, shared by the xAPIC page and the x2APIC MSRs: which
 * offsets exist in which mode, read-only and write-only registers, reserved bits (a fault only
 * through WRMSR; the MMIO page ignores them), IA32_APIC_BASE mode transitions and the TSC deadline.
 */
final class ApicRegisterFile {
    private static final long INVALID = -1;
    private final LocalApic apic;
    private final ApicFeatures features;

    ApicRegisterFile(LocalApic apic, ApicFeatures features) {
        this.apic = apic;
        this.features = features;
    }

    /** The register at {@code offset} (unsigned 32 bits), or -1 when it does not exist in this mode. */
    long read(int offset, boolean x2) {
        LocalApic a = apic;
        return switch (offset) {
            case ID -> u(x2 ? a.id() : a.id() << 24);
            case VERSION -> VERSION_VALUE;
            case TPR -> a.tpr;
            case APR -> x2 ? INVALID : a.apr();
            case PPR -> a.ppr();
            case EOI, RRD -> x2 ? INVALID : 0;
            case LDR -> u(a.ldr);
            case DFR -> x2 ? INVALID : u(a.dfr);
            case SVR -> a.svr;
            case ESR -> a.esr;
            case ICR_LOW -> x2 ? INVALID : a.icrLow;
            case ICR_HIGH -> x2 ? INVALID : u(a.icrHigh);
            case LVT_TIMER -> a.timer.lvt();
            case LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR -> a.lvt[(offset - LVT_TIMER) >> 4];
            case TIMER_INITIAL -> a.timer.initialCount();
            case TIMER_CURRENT -> a.timer.currentCount(a.time().nanos());
            case TIMER_DIVIDE -> a.timer.divideConfig();
            default -> readVectorBits(offset);
        };
    }

    private static long u(int v) {
        return v & 0xFFFF_FFFFL;
    }

    private long readVectorBits(int offset) {
        if (offset >= ISR && offset < ISR + 0x80) {
            return u(apic.isr.register((offset - ISR) >> 4));
        }
        if (offset >= TMR && offset < TMR + 0x80) {
            return u(apic.tmr.register((offset - TMR) >> 4));
        }
        if (offset >= IRR && offset < IRR + 0x80) {
            return u(apic.irr.register((offset - IRR) >> 4));
        }
        return INVALID;
    }

    /** Writes a register; false when that is a fault in x2APIC mode (no such register, read-only, reserved bits). */
    boolean write(int offset, int value, boolean x2) {
        switch (offset) {
            case EOI -> {
                if (x2 && value != 0) {
                    return false;
                }
                apic.eoi();
                return true;
            }
            case ICR_LOW -> {
                if (x2) {
                    return false;
                }
                int low = value & ICR_WRITABLE;
                int dest;
                synchronized (apic.lock()) {
                    apic.icrLow = low;
                    dest = apic.icrHigh >>> 24;
                }
                apic.sendIpi(low, dest, false);
                return true;
            }
            case SELF_IPI -> {
                if (!x2 || (value & ~VECTOR) != 0) {
                    return false;
                }
                apic.sendIpi(value | SH_SELF << ICR_SHORTHAND_SHIFT, 0, true);
                return true;
            }
            case TPR -> {
                if (x2 && (value & ~0xFF) != 0) {
                    return false;
                }
                apic.writeTpr(value);
                return true;
            }
            default -> {
                boolean ok;
                boolean wake;
                synchronized (apic.lock()) {
                    ok = writeLocked(offset, value, x2, apic.time().nanos());
                    wake = ok && apic.changedLocked();
                }
                apic.wakeIf(wake);
                return ok;
            }
        }
    }

    private boolean writeLocked(int offset, int value, boolean x2, long now) {
        LocalApic a = apic;
        switch (offset) {
            case ID -> {
                return !x2; // read-only (as on Nehalem and later); ignored through MMIO
            }
            case LDR, DFR, ICR_HIGH -> {
                if (x2) {
                    return false; // LDR is read-only in x2APIC mode; DFR and ICR high do not exist
                }
                writeXapicOnly(offset, value);
            }
            case SVR -> {
                if (x2 && (value & ~SVR_WRITABLE) != 0) {
                    return false;
                }
                writeSvr(value & SVR_WRITABLE, now);
            }
            case ESR -> {
                if (x2 && value != 0) {
                    return false;
                }
                a.esr = a.esrPending;
                a.esrPending = 0;
            }
            case LVT_TIMER, LVT_THERMAL, LVT_PERF, LVT_LINT0, LVT_LINT1, LVT_ERROR -> {
                return writeLvt((offset - LVT_TIMER) >> 4, value, x2, now);
            }
            case TIMER_INITIAL -> {
                a.serviceTimerLocked(now);
                a.timer.writeInitial(value & 0xFFFF_FFFFL, now);
                a.serviceTimerLocked(now);
            }
            case TIMER_DIVIDE -> {
                if (x2 && (value & ~0xB) != 0) {
                    return false;
                }
                a.serviceTimerLocked(now);
                a.timer.writeDivide(value, now);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private void writeXapicOnly(int offset, int value) {
        switch (offset) {
            case LDR -> apic.ldr = value & 0xFF00_0000;
            case DFR -> apic.dfr = value | 0x0FFF_FFFF;
            default -> apic.icrHigh = value & 0xFF00_0000;
        }
    }

    private void writeSvr(int value, long now) {
        LocalApic a = apic;
        a.svr = value;
        if (!a.swEnabled()) {
            for (int i = 0; i < LVT_COUNT; i++) {
                a.lvt[i] |= MASKED;
            }
            a.serviceTimerLocked(now);
            a.timer.writeLvt(a.timer.lvt() | MASKED, now);
        }
    }

    private boolean writeLvt(int index, int value, boolean x2, long now) {
        LocalApic a = apic;
        int writable = LVT_WRITABLE[index];
        if (index == L_TIMER && !features.tscDeadline()) {
            writable &= ~(1 << 18);
        }
        if (x2 && (value & ~(writable | LVT_READ_ONLY)) != 0) {
            return false;
        }
        int v = value & writable;
        if (!a.swEnabled()) {
            v |= MASKED;
        }
        if (index == L_TIMER) {
            a.serviceTimerLocked(now);
            a.timer.writeLvt(v, now);
            a.serviceTimerLocked(now);
        } else {
            a.lvt[index] = v | a.lvt[index] & REMOTE_IRR;
        }
        return true;
    }

    // ---- MSRs ----

    boolean readMsr(int msr, long[] out) {
        LocalApic a = apic;
        synchronized (a.lock()) {
            if (msr == MSR_APIC_BASE) {
                out[0] = a.apicBase;
                return true;
            }
            if (msr == MSR_TSC_DEADLINE) {
                out[0] = a.timer.deadlineTsc();
                return features.tscDeadline();
            }
            if (msr < MSR_X2APIC_FIRST || msr > MSR_X2APIC_LAST || !a.x2apic()) {
                return false;
            }
            if (msr == MSR_X2APIC_ICR) {
                out[0] = (long) a.icrHigh << 32 | a.icrLow & 0xFFFF_FFFFL;
                return true;
            }
            long v = read((msr - MSR_X2APIC_FIRST) << 4, true);
            out[0] = Math.max(v, 0);
            return v != INVALID;
        }
    }

    boolean writeMsr(int msr, long value) {
        if (msr == MSR_APIC_BASE) {
            return writeApicBase(value);
        }
        if (msr == MSR_TSC_DEADLINE) {
            return features.tscDeadline() && writeDeadline(value);
        }
        if (msr < MSR_X2APIC_FIRST || msr > MSR_X2APIC_LAST) {
            return false;
        }
        synchronized (apic.lock()) {
            if (!apic.x2apic()) {
                return false;
            }
        }
        if (msr == MSR_X2APIC_ICR) {
            return writeIcr(value);
        }
        return value >>> 32 == 0 && write((msr - MSR_X2APIC_FIRST) << 4, (int) value, true);
    }

    /** x2APIC ICR: one 64-bit register, destination in bits 63:32. */
    private boolean writeIcr(long value) {
        int low = (int) value;
        if ((low & ~ICR_WRITABLE) != 0) {
            return false;
        }
        int dest = (int) (value >>> 32);
        synchronized (apic.lock()) {
            apic.icrLow = low;
            apic.icrHigh = dest;
        }
        apic.sendIpi(low, dest, true);
        return true;
    }

    private boolean writeDeadline(long value) {
        LocalApic a = apic;
        boolean wake;
        synchronized (a.lock()) {
            long now = a.time().nanos();
            a.serviceTimerLocked(now);
            long expiry = a.time().nanosAtOrAfter(value - a.tscOffset);
            a.timer.writeDeadline(value, expiry);
            a.serviceTimerLocked(now);
            wake = a.changedLocked();
        }
        a.wakeIf(wake);
        return true;
    }

    /**
     * IA32_APIC_BASE: reserved bits fault; of the modes disabled, xAPIC and x2APIC (EXTD without EN
     * is invalid), x2APIC to xAPIC and disabled to x2APIC fault. Disabling resets the APIC's registers;
     * entering x2APIC derives the logical ID. The BSP flag is read-only.
     */
    private boolean writeApicBase(long value) {
        long reserved = 0x2FFL | -1L << features.physicalAddressBits() | (features.x2apic() ? 0 : BASE_EXTD);
        boolean enable = (value & BASE_ENABLE) != 0;
        boolean extd = (value & BASE_EXTD) != 0;
        if ((value & reserved) != 0 || extd && !enable) {
            return false;
        }
        LocalApic a = apic;
        boolean wake;
        synchronized (a.lock()) {
            int oldMode = !a.hwEnabled() ? 0 : a.x2apic() ? 2 : 1;
            int newMode = !enable ? 0 : extd ? 2 : 1;
            if (oldMode == 2 && newMode == 1 || oldMode == 0 && newMode == 2) {
                return false;
            }
            a.apicBase = value & ~BASE_BSP | a.apicBase & BASE_BSP;
            if (newMode == 0 && oldMode != 0) {
                a.resetRegistersLocked();
            } else if (newMode == 2 && oldMode == 1) {
                a.ldr = a.x2apicLogicalId();
            }
            wake = a.changedLocked();
        }
        a.wakeIf(wake);
        return true;
    }
}
