package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.jvmm.hv.api.X86Msr;

/** The MSRs WHP exposes as virtual-processor registers, by MSR number. FS and GS bases live in the segments. */
final class MsrRegisters {
    private static final Map<Integer, Integer> BY_MSR = table();

    private MsrRegisters() {
    }

    /** The {@code WHV_REGISTER_NAME} of {@code msr}, if WHP has one. */
    static OptionalInt name(int msr) {
        Integer name = BY_MSR.get(msr);
        return name == null ? OptionalInt.empty() : OptionalInt.of(name);
    }

    private static Map<Integer, Integer> table() {
        Map<Integer, Integer> m = new HashMap<>();
        m.put(X86Msr.TSC, WHvX64RegisterTsc);
        m.put(X86Msr.EFER, WHvX64RegisterEfer);
        m.put(X86Msr.KERNEL_GS_BASE, WHvX64RegisterKernelGsBase);
        m.put(X86Msr.APIC_BASE, WHvX64RegisterApicBase);
        m.put(X86Msr.PAT, WHvX64RegisterPat);
        m.put(X86Msr.SYSENTER_CS, WHvX64RegisterSysenterCs);
        m.put(X86Msr.SYSENTER_EIP, WHvX64RegisterSysenterEip);
        m.put(X86Msr.SYSENTER_ESP, WHvX64RegisterSysenterEsp);
        m.put(X86Msr.STAR, WHvX64RegisterStar);
        m.put(X86Msr.LSTAR, WHvX64RegisterLstar);
        m.put(X86Msr.CSTAR, WHvX64RegisterCstar);
        m.put(X86Msr.SFMASK, WHvX64RegisterSfmask);
        m.put(X86Msr.MTRR_CAP, WHvX64RegisterMsrMtrrCap);
        m.put(X86Msr.MTRR_DEF_TYPE, WHvX64RegisterMsrMtrrDefType);
        m.put(X86Msr.TSC_AUX, WHvX64RegisterTscAux);
        m.put(X86Msr.TSC_DEADLINE, WHvX64RegisterTscDeadline);
        m.put(0x3B, WHvX64RegisterTscAdjust);
        m.put(0x48, WHvX64RegisterSpecCtrl);
        m.put(0xDA0, WHvX64RegisterXss);
        for (int i = 0; i < 16; i++) {
            m.put(0x200 + 2 * i, WHvX64RegisterMsrMtrrPhysBase0 + i);
            m.put(0x201 + 2 * i, WHvX64RegisterMsrMtrrPhysMask0 + i);
        }
        m.put(0x250, WHvX64RegisterMsrMtrrFix64k00000);
        m.put(0x258, WHvX64RegisterMsrMtrrFix16k80000);
        m.put(0x259, WHvX64RegisterMsrMtrrFix16kA0000);
        for (int i = 0; i < 8; i++) {
            m.put(0x268 + i, WHvX64RegisterMsrMtrrFix4kC0000 + i);
        }
        return Map.copyOf(m);
    }
}
