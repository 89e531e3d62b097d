package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.emu.impl.apic.ApicBus;
import org.jvmm.hv.emu.impl.apic.ApicFeatures;
import org.jvmm.hv.emu.impl.cpu.GuestClock;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;
import org.jvmm.hv.emu.impl.cpu.mmu.CodePages;

/**
 * What the processors of one partition share: guest-physical memory, the decoded-code page tracking
 * (so one VP's write invalidates another's decoded blocks), the guest clock, the APIC bus with the
 * features its APICs offer (which CPUID must announce), the link back to the chipset and the block
 * translation policy (null when translation is off).
 */
public record PartitionParts(PhysicalMemory memory, CodePages code, GuestClock clock, ApicBus apicBus,
        ApicFeatures apicFeatures, ChipsetLink chipset, Jit jit) {
}
