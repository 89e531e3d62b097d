package org.jvmm.hv.api;

/** Architectural MSR numbers used across backends and loaders. */
public final class X86Msr {
    public static final int TSC = 0x10;
    public static final int APIC_BASE = 0x1B;
    public static final int MTRR_CAP = 0xFE;
    public static final int SYSENTER_CS = 0x174;
    public static final int SYSENTER_ESP = 0x175;
    public static final int SYSENTER_EIP = 0x176;
    public static final int MISC_ENABLE = 0x1A0;
    public static final int PAT = 0x277;
    public static final int MTRR_DEF_TYPE = 0x2FF;
    public static final int TSC_DEADLINE = 0x6E0;
    public static final int EFER = 0xC000_0080;
    public static final int STAR = 0xC000_0081;
    public static final int LSTAR = 0xC000_0082;
    public static final int CSTAR = 0xC000_0083;
    public static final int SFMASK = 0xC000_0084;
    public static final int FS_BASE = 0xC000_0100;
    public static final int GS_BASE = 0xC000_0101;
    public static final int KERNEL_GS_BASE = 0xC000_0102;
    public static final int TSC_AUX = 0xC000_0103;

    private X86Msr() {
    }
}
