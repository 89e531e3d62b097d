package org.jvmm.hv.whp.impl;

import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.Hresult;
import org.jvmm.hv.whp.impl.ffm.WhpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * What this host's WHP offers: {@code WHV_CAPABILITY_FEATURES} and {@code WHV_EXTENDED_VM_EXITS}.
 * Older Windows builds do not know the extended-exits capability; that reads as none.
 */
record PlatformFeatures(long features, long extendedExits) {
    private static final int UNKNOWN_CAPABILITY = Hresult.NAMES.get("WHV_E_UNKNOWN_CAPABILITY");

    static PlatformFeatures query(WhpCalls whp) throws WhpException {
        long features = whp.capability(WhpCodes.WHvCapabilityCodeFeatures);
        long exits;
        try {
            exits = whp.capability(WhpCodes.WHvCapabilityCodeExtendedVmExits);
        } catch (WhpException e) {
            if (e.hresult() != UNKNOWN_CAPABILITY) {
                throw e;
            }
            exits = 0;
        }
        return new PlatformFeatures(features, exits);
    }

    boolean localApicEmulation() {
        return BitFields.FEATURE_LOCAL_APIC_EMULATION.test(features);
    }

    /** The extended exits this backend handles (CPUID, MSR, exception) that the host offers. */
    long wantedExits() {
        long wanted = BitFields.EXIT_CPUID.set(0, 1);
        wanted = BitFields.EXIT_MSR.set(wanted, 1);
        wanted = BitFields.EXIT_EXCEPTION.set(wanted, 1);
        return wanted & extendedExits;
    }
}
