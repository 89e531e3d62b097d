package org.jvmm.hv.whp.impl;

import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.whp.impl.ffm.BitFields;
import org.jvmm.hv.whp.impl.ffm.PartitionCalls;
import org.jvmm.hv.whp.impl.ffm.WhpCodes;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * The partition properties set before {@code WHvSetupPartition}, and what they came out as.
 *
 * @param apicMode      the {@code WHV_X64_LOCAL_APIC_EMULATION_MODE} in force
 * @param extendedExits the {@code WHV_EXTENDED_VM_EXITS} bits enabled
 */
record PartitionSettings(int apicMode, long extendedExits) {

    boolean x2apic() {
        return apicMode == WhpCodes.WHvX64LocalApicEmulationModeX2Apic;
    }

    boolean exceptionExits() {
        return BitFields.EXIT_EXCEPTION.test(extendedExits);
    }

    /**
     * Processor count; the CPUID, MSR and exception exits the host offers (CPUID exits for
     * {@link CpuidPolicy#EXIT_LEAVES}, no exception intercepted until a debugger sets DR7); the
     * hypervisor's local APIC, in x2APIC mode when the CPU model asks for it and the host allows it,
     * else xAPIC.
     */
    static PartitionSettings apply(PartitionCalls p, PartitionConfig config, PlatformFeatures features)
            throws HypervisorException {
        if (!features.localApicEmulation()) {
            throw new HypervisorException("hypervisor:whp: this Windows has no local APIC emulation in WHP "
                    + "(Windows 10 1809 or later is needed)");
        }
        p.setProperty(WhpCodes.WHvPartitionPropertyCodeProcessorCount, config.processorCount());
        long exits = features.wantedExits();
        if (exits != 0) {
            p.setProperty(WhpCodes.WHvPartitionPropertyCodeExtendedVmExits, exits);
        }
        if (BitFields.EXIT_CPUID.test(exits)) {
            p.setPropertyList(WhpCodes.WHvPartitionPropertyCodeCpuidExitList, CpuidPolicy.EXIT_LEAVES);
        }
        if (BitFields.EXIT_EXCEPTION.test(exits)) {
            p.setProperty(WhpCodes.WHvPartitionPropertyCodeExceptionExitBitmap, 0);
        }
        return new PartitionSettings(apicMode(p, config.cpuModel().x2apic()), exits);
    }

    private static int apicMode(PartitionCalls p, boolean x2apic) throws WhpException {
        if (x2apic) {
            try {
                p.setProperty(WhpCodes.WHvPartitionPropertyCodeLocalApicEmulationMode,
                        WhpCodes.WHvX64LocalApicEmulationModeX2Apic);
                return WhpCodes.WHvX64LocalApicEmulationModeX2Apic;
            } catch (WhpException e) {
                // older hosts offer xAPIC emulation only: fall through to it, CPUID then hides x2APIC
                System.getLogger(PartitionSettings.class.getName()).log(System.Logger.Level.INFO,
                        "hypervisor:whp: no x2APIC emulation, using xAPIC: " + e.getMessage());
            }
        }
        p.setProperty(WhpCodes.WHvPartitionPropertyCodeLocalApicEmulationMode,
                WhpCodes.WHvX64LocalApicEmulationModeXApic);
        return WhpCodes.WHvX64LocalApicEmulationModeXApic;
    }
}
