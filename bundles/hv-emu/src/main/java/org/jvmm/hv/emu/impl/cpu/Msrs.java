package org.jvmm.hv.emu.impl.cpu;

/**
 * Model-specific registers. RDMSR/WRMSR of an MSR not listed here raises #GP(0), as on hardware.
 */
public final class Msrs {

    public static final int TSC = 0x10, APIC_BASE = 0x1B, PATCH_LEVEL = 0x8B, MTRR_CAP = 0xFE,
            SYSENTER_CS = 0x174, SYSENTER_ESP = 0x175, SYSENTER_EIP = 0x176, MISC_ENABLE = 0x1A0,
            MTRR_PHYS_FIRST = 0x200, MTRR_PHYS_LAST = 0x20F, MTRR_FIX64K = 0x250, MTRR_FIX16K_80000 = 0x258,
            MTRR_FIX16K_A0000 = 0x259, MTRR_FIX4K_FIRST = 0x268, MTRR_FIX4K_LAST = 0x26F, PAT = 0x277,
            MTRR_DEF_TYPE = 0x2FF;
    public static final int EFER = 0xC000_0080, STAR = 0xC000_0081, LSTAR = 0xC000_0082, CSTAR = 0xC000_0083,
            SFMASK = 0xC000_0084, FS_BASE = 0xC000_0100, GS_BASE = 0xC000_0101, KERNEL_GS_BASE = 0xC000_0102,
            TSC_AUX = 0xC000_0103, AMD_SYSCFG = 0xC001_0010, AMD_HWCR = 0xC001_0015,
            AMD_INT_PENDING_MSG = 0xC001_0055;

    private final Cpu cpu;
    private long hwcr;
    /** AMD SYSCFG: kept as written (Linux reads it while setting up the fixed-range MTRRs). */
    private long syscfg;
    /**
     * AMD interrupt-pending message register: kept as written; 0 at reset says C1E is off (Linux
     * reads it for the family 0Fh "E400" erratum that this CPU's signature matches).
     */
    private long intPendingMsg;
    private final long[] apicOut = new long[1];

    Msrs(Cpu cpu) {
        this.cpu = cpu;
    }

    /** The MSR values kept here rather than in {@link CpuState} (AMD HWCR, SYSCFG, interrupt-pending message), for snapshots. */
    public long[] hiddenState() {
        return new long[] {hwcr, syscfg, intPendingMsg};
    }

    /** Restores what {@link #hiddenState()} returned. */
    public void restoreHiddenState(long[] values) {
        hwcr = values[0];
        syscfg = values[1];
        intPendingMsg = values[2];
    }

    private static boolean canonical(long v) {
        return (v << 16 >> 16) == v;
    }

    private static int fixedIndex(int msr) {
        return switch (msr) {
            case MTRR_FIX64K -> 0;
            case MTRR_FIX16K_80000 -> 1;
            case MTRR_FIX16K_A0000 -> 2;
            default -> msr >= MTRR_FIX4K_FIRST && msr <= MTRR_FIX4K_LAST ? 3 + msr - MTRR_FIX4K_FIRST : -1;
        };
    }

    /** RDMSR: the value, or 0 with #GP(0) raised for an unknown MSR. */
    public long read(int msr) {
        CpuState s = cpu.s;
        ApicLink apic = cpu.apicLink();
        if (apic != null && apic.ownsMsr(msr)) {
            if (!apic.readMsr(msr, apicOut)) {
                s.raise(13, 0);
                return 0;
            }
            return apicOut[0];
        }
        int fixed = fixedIndex(msr);
        if (fixed >= 0) {
            return s.mtrrFixed[fixed];
        }
        if (msr >= MTRR_PHYS_FIRST && msr <= MTRR_PHYS_LAST) {
            return s.mtrrVar[msr - MTRR_PHYS_FIRST];
        }
        switch (msr) {
            case TSC:
                return cpu.clock().tsc() + s.tscOffset;
            case APIC_BASE:
                return s.apicBase;
            case PATCH_LEVEL:
                return 0;
            case MTRR_CAP:
                return 0x508;
            case SYSENTER_CS:
                return s.sysenterCs;
            case SYSENTER_ESP:
                return s.sysenterEsp;
            case SYSENTER_EIP:
                return s.sysenterEip;
            case MISC_ENABLE:
                return s.miscEnable;
            case PAT:
                return s.pat;
            case MTRR_DEF_TYPE:
                return s.mtrrDefType;
            case EFER:
                return s.efer;
            case STAR:
                return s.star;
            case LSTAR:
                return s.lstar;
            case CSTAR:
                return s.cstar;
            case SFMASK:
                return s.sfmask;
            case FS_BASE:
                return s.segBase[CpuState.FS];
            case GS_BASE:
                return s.segBase[CpuState.GS];
            case KERNEL_GS_BASE:
                return s.kernelGsBase;
            case TSC_AUX:
                return s.tscAux;
            case AMD_HWCR:
                return hwcr;
            case AMD_SYSCFG:
                return syscfg;
            case AMD_INT_PENDING_MSG:
                return intPendingMsg;
            default:
                s.raise(13, 0);
                return 0;
        }
    }

    /** WRMSR: false (with #GP(0) raised) for an unknown MSR or an invalid value. */
    public boolean write(int msr, long v) {
        CpuState s = cpu.s;
        int fixed = fixedIndex(msr);
        boolean ok = true;
        ApicLink apic = cpu.apicLink();
        if (apic != null && apic.ownsMsr(msr)) {
            ok = apic.writeMsr(msr, v);
        } else if (fixed >= 0) {
            s.mtrrFixed[fixed] = v;
        } else if (msr >= MTRR_PHYS_FIRST && msr <= MTRR_PHYS_LAST) {
            s.mtrrVar[msr - MTRR_PHYS_FIRST] = v;
        } else {
            ok = writeNamed(s, msr, v);
        }
        if (!ok) {
            s.raise(13, 0);
        }
        return ok;
    }

    private boolean writeNamed(CpuState s, int msr, long v) {
        switch (msr) {
            case TSC -> s.tscOffset = v - cpu.clock().tsc();
            case APIC_BASE -> s.apicBase = v & 0xF_FFFF_FFFF_FD00L;
            case PATCH_LEVEL -> {
            }
            case SYSENTER_CS -> s.sysenterCs = v & 0xFFFF;
            case SYSENTER_ESP, SYSENTER_EIP -> {
                if (!canonical(v)) {
                    return false;
                }
                if (msr == SYSENTER_ESP) {
                    s.sysenterEsp = v;
                } else {
                    s.sysenterEip = v;
                }
            }
            case MISC_ENABLE -> s.miscEnable = v;
            case PAT -> {
                for (int i = 0; i < 8; i++) {
                    int t = (int) (v >>> (8 * i)) & 0xFF;
                    if (t == 2 || t == 3 || t > 7) {
                        return false;
                    }
                }
                s.pat = v;
            }
            case MTRR_DEF_TYPE -> s.mtrrDefType = v & 0xCFF;
            case EFER -> {
                return writeEfer(s, v);
            }
            case STAR -> s.star = v;
            case LSTAR, CSTAR, KERNEL_GS_BASE, FS_BASE, GS_BASE -> {
                return writeAddress(s, msr, v);
            }
            case SFMASK -> s.sfmask = v & 0xFFFF_FFFFL;
            case TSC_AUX -> s.tscAux = v & 0xFFFF_FFFFL;
            case AMD_HWCR -> hwcr = v;
            case AMD_SYSCFG -> syscfg = v;
            case AMD_INT_PENDING_MSG -> intPendingMsg = v;
            default -> {
                return false;
            }
        }
        return true;
    }

    private static boolean writeAddress(CpuState s, int msr, long v) {
        if (!canonical(v)) {
            return false;
        }
        switch (msr) {
            case LSTAR -> s.lstar = v;
            case CSTAR -> s.cstar = v;
            case KERNEL_GS_BASE -> s.kernelGsBase = v;
            case FS_BASE -> s.segBase[CpuState.FS] = v;
            default -> s.segBase[CpuState.GS] = v;
        }
        return true;
    }

    private boolean writeEfer(CpuState s, long v) {
        long allowed = CpuState.EFER_SCE | CpuState.EFER_LME | CpuState.EFER_NXE | CpuState.EFER_LMA;
        if ((v & ~allowed) != 0) {
            return false;
        }
        boolean lmeChange = ((v ^ s.efer) & CpuState.EFER_LME) != 0;
        if (lmeChange && s.pagingEnabled()) {
            return false;
        }
        long lma = s.efer & CpuState.EFER_LMA;
        long old = s.efer;
        s.efer = (v & ~CpuState.EFER_LMA) | lma;
        if (((old ^ s.efer) & CpuState.EFER_NXE) != 0) {
            cpu.mmu.flush();
        }
        cpu.modeChanged();
        return true;
    }
}
