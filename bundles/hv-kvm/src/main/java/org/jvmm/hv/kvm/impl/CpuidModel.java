package org.jvmm.hv.kvm.impl;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.kvm.impl.ffm.CpuidEntry;

/**
 * The CPUID a vCPU gets: KVM_GET_SUPPORTED_CPUID filtered to the VM's CPU model, with the processor's
 * APIC ID, the hypervisor bit and x2APIC as the model asks. {@code host} passes everything KVM
 * supports; {@code qemu64} keeps only QEMU's qemu64 features (as hv-emu offers them, plus what the
 * host adds of MMX and machine checks), on the host's vendor and family.
 */
final class CpuidModel {
    static final String HOST = "host";
    static final String QEMU64 = "qemu64";

    // Leaf 1 EDX: fpu de pse tsc msr pae mce cx8 apic sep mtrr pge mca cmov pat pse36 clflush mmx fxsr sse sse2
    static final int QEMU64_1_EDX = 1 | 1 << 2 | 1 << 3 | 1 << 4 | 1 << 5 | 1 << 6 | 1 << 7 | 1 << 8 | 1 << 9
            | 1 << 11 | 1 << 12 | 1 << 13 | 1 << 14 | 1 << 15 | 1 << 16 | 1 << 17 | 1 << 19 | 1 << 23 | 1 << 24
            | 1 << 25 | 1 << 26;
    // Leaf 1 ECX: sse3 cx16 popcnt tsc-deadline rdrand
    static final int QEMU64_1_ECX = 1 | 1 << 13 | 1 << 23 | 1 << 24 | 1 << 30;
    static final int X2APIC = 1 << 21;
    static final int HYPERVISOR = 1 << 31;
    // Leaf 7.0 EBX: rdseed
    static final int QEMU64_7_EBX = 1 << 18;
    // Leaf 0x80000001 ECX: lahf_lm; EDX: syscall nx lm plus the leaf-1 bits AMD mirrors there
    static final int QEMU64_X1_ECX = 1;
    static final int QEMU64_X1_EDX = 1 << 11 | 1 << 20 | 1 << 29 | (QEMU64_1_EDX & 0x0183_F3FF);

    private CpuidModel() {
    }

    /** Checks the model name before any KVM work. */
    static void check(CpuModel model) throws HypervisorException {
        if (!model.name().equals(HOST) && !model.name().equals(QEMU64)) {
            throw new HypervisorException("cpu model " + model.name() + ": hv-kvm offers " + QEMU64 + " and " + HOST);
        }
    }

    /** The entries for the processor with {@code apicId}. */
    static List<CpuidEntry> forProcessor(List<CpuidEntry> supported, CpuModel model, int apicId) {
        boolean qemu64 = model.name().equals(QEMU64);
        List<CpuidEntry> out = new ArrayList<>(supported.size());
        for (CpuidEntry e : supported) {
            CpuidEntry f = qemu64 ? qemu64(e) : e;
            out.add(perProcessor(f, model, apicId));
        }
        return out;
    }

    private static CpuidEntry qemu64(CpuidEntry e) {
        return switch (e.function()) {
            case 1 -> e.withRegisters(e.eax(), e.ebx(), e.ecx() & (QEMU64_1_ECX | X2APIC | HYPERVISOR),
                    e.edx() & QEMU64_1_EDX);
            case 7 -> e.index() == 0 ? e.withRegisters(0, e.ebx() & QEMU64_7_EBX, 0, 0) : e.withRegisters(0, 0, 0, 0);
            case 0x8000_0001 -> e.withRegisters(e.eax(), e.ebx(), e.ecx() & QEMU64_X1_ECX, e.edx() & QEMU64_X1_EDX);
            default -> e;
        };
    }

    private static CpuidEntry perProcessor(CpuidEntry e, CpuModel model, int apicId) {
        return switch (e.function()) {
            case 1 -> {
                int ecx = (e.ecx() | HYPERVISOR) & ~X2APIC | (model.x2apic() ? e.ecx() & X2APIC : 0);
                yield e.withRegisters(e.eax(), e.ebx() & 0x00FF_FFFF | apicId << 24, ecx, e.edx());
            }
            case 0xB, 0x1F -> e.withRegisters(e.eax(), e.ebx(), e.ecx(), apicId);
            default -> e;
        };
    }
}
