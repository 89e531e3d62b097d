package org.jvmm.hv.kvm.impl.ffm;

/** One kvm_cpuid_entry2: the result registers of CPUID leaf {@code function}, subleaf {@code index}. */
public record CpuidEntry(int function, int index, int flags, int eax, int ebx, int ecx, int edx) {
    public CpuidEntry withRegisters(int newEax, int newEbx, int newEcx, int newEdx) {
        return new CpuidEntry(function, index, flags, newEax, newEbx, newEcx, newEdx);
    }

    @Override
    public String toString() {
        return "CPUID[%08x.%x: %08x %08x %08x %08x]".formatted(function, index, eax, ebx, ecx, edx);
    }
}
