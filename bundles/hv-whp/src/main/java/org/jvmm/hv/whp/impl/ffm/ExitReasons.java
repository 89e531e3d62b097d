package org.jvmm.hv.whp.impl.ffm;

/**
 * {@code WHV_RUN_VP_EXIT_REASON} values. The constants keep their C names so that the ABI test can
 * check every one of them against {@code <winhvplatformdefs.h>} by reflection.
 */
@SuppressWarnings("checkstyle:ConstantName")
public final class ExitReasons {
    public static final int WHvRunVpExitReasonNone = 0x0;
    public static final int WHvRunVpExitReasonMemoryAccess = 0x1;
    public static final int WHvRunVpExitReasonX64IoPortAccess = 0x2;
    public static final int WHvRunVpExitReasonUnrecoverableException = 0x4;
    public static final int WHvRunVpExitReasonInvalidVpRegisterValue = 0x5;
    public static final int WHvRunVpExitReasonUnsupportedFeature = 0x6;
    public static final int WHvRunVpExitReasonX64InterruptWindow = 0x7;
    public static final int WHvRunVpExitReasonX64Halt = 0x8;
    public static final int WHvRunVpExitReasonX64ApicEoi = 0x9;
    public static final int WHvRunVpExitReasonX64MsrAccess = 0x1000;
    public static final int WHvRunVpExitReasonX64Cpuid = 0x1001;
    public static final int WHvRunVpExitReasonException = 0x1002;
    public static final int WHvRunVpExitReasonCanceled = 0x2001;

    private ExitReasons() {
    }
}
