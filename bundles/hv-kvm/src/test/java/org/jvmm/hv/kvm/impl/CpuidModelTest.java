package org.jvmm.hv.kvm.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.kvm.impl.ffm.CpuidEntry;
import org.junit.jupiter.api.Test;

/** CPUID per model and processor, from what KVM supports. */
class CpuidModelTest {
    private static final int AVX = 1 << 28;
    private static final int SSE2 = 1 << 26;
    private static final List<CpuidEntry> SUPPORTED = List.of(
            new CpuidEntry(0, 0, 0, 0xD, 0x756e6547, 0x6c65746e, 0x49656e69),
            new CpuidEntry(1, 0, 0, 0x906ED, 0x0010_0800, AVX | CpuidModel.X2APIC | 1, SSE2 | 1),
            new CpuidEntry(7, 0, 1, 0, 1 << 5 | 1 << 18, 1 << 2, 1 << 4),
            new CpuidEntry(0xB, 1, 1, 1, 2, 0x201, 0),
            new CpuidEntry(0x8000_0001, 0, 0, 0, 0, 1 | 1 << 5, 1 << 11 | 1 << 20 | 1 << 29 | 1 << 27));

    @Test
    void qemu64KeepsOnlyItsFeaturesOnTheHostVendor() {
        List<CpuidEntry> e = CpuidModel.forProcessor(SUPPORTED, CpuModel.QEMU64, 0);
        assertEquals(SUPPORTED.get(0), e.get(0), "vendor leaf untouched");
        assertEquals(1 | CpuidModel.X2APIC | CpuidModel.HYPERVISOR, e.get(1).ecx(), "AVX gone, hypervisor set");
        assertEquals(SSE2 | 1, e.get(1).edx());
        assertEquals(new CpuidEntry(7, 0, 1, 0, 1 << 18, 0, 0), e.get(2), "only RDSEED of leaf 7");
        assertEquals(1, e.get(4).ecx(), "only LAHF_LM of 0x80000001 ECX");
        assertEquals(1 << 11 | 1 << 20 | 1 << 29, e.get(4).edx(), "no RDTSCP");
    }

    @Test
    void hostKeepsEverythingAndEachProcessorGetsItsApicId() {
        List<CpuidEntry> e = CpuidModel.forProcessor(SUPPORTED, new CpuModel("host", 1_000_000_000L, false), 3);
        assertEquals(AVX | 1 | CpuidModel.HYPERVISOR, e.get(1).ecx(), "x2APIC off as the model asks");
        assertEquals(0x0310_0800, e.get(1).ebx(), "APIC ID in EBX[31:24]");
        assertEquals(3, e.get(3).edx(), "x2APIC ID in leaf 0xB");
        assertEquals(SUPPORTED.get(2), e.get(2));
    }

    @Test
    void otherModelsAreRefusedByName() {
        HypervisorException ex = assertThrows(HypervisorException.class,
                () -> CpuidModel.check(new CpuModel("skylake", 1_000_000_000L, true)));
        assertTrue(ex.getMessage().contains("skylake") && ex.getMessage().contains("qemu64"), ex.getMessage());
    }
}
