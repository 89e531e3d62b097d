package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Probe;
import org.jvmm.hv.whp.impl.ffm.WhpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * Whether WHP can run here: Windows, WinHvPlatform.dll loads, the hypervisor is present
 * ({@code WHvCapabilityCodeHypervisorPresent}) and emulates local APICs. None of the failures can be
 * forced: without them a partition cannot even be created.
 */
final class WhpProbe {
    private WhpProbe() {
    }

    static boolean isWindows(String osName) {
        return osName.startsWith("Windows");
    }

    static String notWindows(String osName) {
        return "WHP needs Windows (this is " + osName + ")";
    }

    static Probe probe(String osName, WhpHypervisor.Loader loader) {
        if (!isWindows(osName)) {
            return Probe.unusable(notWindows(osName));
        }
        WhpCalls whp;
        try {
            whp = loader.load();
        } catch (HypervisorException e) {
            return Probe.unusable(e.getMessage());
        }
        try {
            if (whp.capability(WhpCodes.WHvCapabilityCodeHypervisorPresent) == 0) {
                return Probe.unusable("the Windows hypervisor is not running (turn on \"Windows Hypervisor Platform\" "
                        + "and virtualization in the firmware)");
            }
            PlatformFeatures features = PlatformFeatures.query(whp);
            if (!features.localApicEmulation()) {
                return Probe.unusable("WHP on this Windows has no local APIC emulation (Windows 10 1809 or later)");
            }
            return Probe.usable("Windows Hypervisor Platform (features 0x%x, extended exits 0x%x)"
                    .formatted(features.features(), features.extendedExits()));
        } catch (WhpException e) {
            return Probe.unusable(e.getMessage());
        }
    }
}
