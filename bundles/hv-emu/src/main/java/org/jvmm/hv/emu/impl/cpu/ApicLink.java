package org.jvmm.hv.emu.impl.cpu;

/**
 * The processor's local APIC as instructions reach it directly: the MSRs it owns (IA32_APIC_BASE,
 * IA32_TSC_DEADLINE, the x2APIC range) and CR8, its task priority. Installed with
 * {@link Cpu#setApicLink}; without one the CPU keeps these in {@link CpuState}. Called on the VP thread.
 */
public interface ApicLink {

    /** True for an MSR the APIC answers instead of {@link Msrs}. */
    boolean ownsMsr(int msr);

    /** RDMSR: stores the value in {@code out[0]}; false makes the CPU raise #GP(0). */
    boolean readMsr(int msr, long[] out);

    /** WRMSR; false makes the CPU raise #GP(0). */
    boolean writeMsr(int msr, long value);

    /** CR8 (TPR bits 7:4). */
    int cr8();

    void setCr8(int value);
}
