package org.jvmm.hv.whp.impl.ffm;

/**
 * {@code WHV_REGISTER_NAME} values this backend uses, under their C names (checked by the ABI test).
 * The general-purpose registers {@code Rax..R15} are consecutive in encoding order.
 */
@SuppressWarnings("checkstyle:ConstantName")
public final class RegisterNames {
    public static final int WHvX64RegisterRax = 0x0;
    public static final int WHvX64RegisterRcx = 0x1;
    public static final int WHvX64RegisterRdx = 0x2;
    public static final int WHvX64RegisterRbx = 0x3;
    public static final int WHvX64RegisterRsp = 0x4;
    public static final int WHvX64RegisterRbp = 0x5;
    public static final int WHvX64RegisterRsi = 0x6;
    public static final int WHvX64RegisterRdi = 0x7;
    public static final int WHvX64RegisterR8 = 0x8;
    public static final int WHvX64RegisterR15 = 0xF;
    public static final int WHvX64RegisterRip = 0x10;
    public static final int WHvX64RegisterRflags = 0x11;
    public static final int WHvX64RegisterEs = 0x12;
    public static final int WHvX64RegisterCs = 0x13;
    public static final int WHvX64RegisterSs = 0x14;
    public static final int WHvX64RegisterDs = 0x15;
    public static final int WHvX64RegisterFs = 0x16;
    public static final int WHvX64RegisterGs = 0x17;
    public static final int WHvX64RegisterLdtr = 0x18;
    public static final int WHvX64RegisterTr = 0x19;
    public static final int WHvX64RegisterIdtr = 0x1A;
    public static final int WHvX64RegisterGdtr = 0x1B;
    public static final int WHvX64RegisterCr0 = 0x1C;
    public static final int WHvX64RegisterCr2 = 0x1D;
    public static final int WHvX64RegisterCr3 = 0x1E;
    public static final int WHvX64RegisterCr4 = 0x1F;
    public static final int WHvX64RegisterCr8 = 0x20;
    public static final int WHvX64RegisterDr0 = 0x21;
    public static final int WHvX64RegisterDr1 = 0x22;
    public static final int WHvX64RegisterDr2 = 0x23;
    public static final int WHvX64RegisterDr3 = 0x24;
    public static final int WHvX64RegisterDr6 = 0x25;
    public static final int WHvX64RegisterDr7 = 0x26;
    public static final int WHvX64RegisterXmm0 = 0x1000;
    public static final int WHvX64RegisterFpMmx0 = 0x1010;
    public static final int WHvX64RegisterFpControlStatus = 0x1018;
    public static final int WHvX64RegisterXmmControlStatus = 0x1019;
    public static final int WHvX64RegisterTsc = 0x2000;
    public static final int WHvX64RegisterEfer = 0x2001;
    public static final int WHvX64RegisterKernelGsBase = 0x2002;
    public static final int WHvX64RegisterApicBase = 0x2003;
    public static final int WHvX64RegisterPat = 0x2004;
    public static final int WHvX64RegisterSysenterCs = 0x2005;
    public static final int WHvX64RegisterSysenterEip = 0x2006;
    public static final int WHvX64RegisterSysenterEsp = 0x2007;
    public static final int WHvX64RegisterStar = 0x2008;
    public static final int WHvX64RegisterLstar = 0x2009;
    public static final int WHvX64RegisterCstar = 0x200A;
    public static final int WHvX64RegisterSfmask = 0x200B;
    public static final int WHvX64RegisterMsrMtrrCap = 0x200D;
    public static final int WHvX64RegisterMsrMtrrDefType = 0x200E;
    public static final int WHvX64RegisterMsrMtrrPhysBase0 = 0x2010;
    public static final int WHvX64RegisterMsrMtrrPhysMask0 = 0x2040;
    public static final int WHvX64RegisterMsrMtrrFix64k00000 = 0x2070;
    public static final int WHvX64RegisterMsrMtrrFix16k80000 = 0x2071;
    public static final int WHvX64RegisterMsrMtrrFix16kA0000 = 0x2072;
    public static final int WHvX64RegisterMsrMtrrFix4kC0000 = 0x2073;
    public static final int WHvX64RegisterTscAux = 0x207B;
    public static final int WHvX64RegisterSpecCtrl = 0x2084;
    public static final int WHvX64RegisterXss = 0x208B;
    public static final int WHvX64RegisterTscDeadline = 0x2095;
    public static final int WHvX64RegisterTscAdjust = 0x2096;
    public static final int WHvRegisterPendingInterruption = 0x80000000;
    public static final int WHvRegisterInterruptState = 0x80000001;
    public static final int WHvX64RegisterDeliverabilityNotifications = 0x80000004;
    public static final int WHvRegisterInternalActivityState = 0x80000005;

    private RegisterNames() {
    }
}
