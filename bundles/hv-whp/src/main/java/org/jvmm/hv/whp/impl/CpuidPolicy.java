package org.jvmm.hv.whp.impl;

import org.jvmm.hv.whp.impl.ffm.WhpExit;

/**
 * What CPUID returns for the leaves that exit (the partition's CPUID exit list): the hypervisor's own
 * answer, with the x2APIC bit following the CPU model and the local APIC mode the partition got, and the
 * hypervisor-present bit set. Every other leaf is answered by the hypervisor without an exit.
 */
final class CpuidPolicy {
    /** Leaves that exit to {@link #answer}. */
    static final int[] EXIT_LEAVES = {0x1};
    private static final long ECX_X2APIC = 1L << 21;
    private static final long ECX_HYPERVISOR = 1L << 31;
    private static final long LOW32 = 0xFFFF_FFFFL;

    private final boolean x2apic;

    CpuidPolicy(boolean x2apic) {
        this.x2apic = x2apic;
    }

    /** EAX, EBX, ECX, EDX (zero-extended, as CPUID writes them) for the intercepted CPUID. */
    long[] answer(WhpExit.Cpuid c) {
        long eax = c.defaultRax() & LOW32;
        long ebx = c.defaultRbx() & LOW32;
        long ecx = c.defaultRcx() & LOW32;
        long edx = c.defaultRdx() & LOW32;
        if ((c.rax() & LOW32) == 1) {
            ecx = (x2apic ? ecx | ECX_X2APIC : ecx & ~ECX_X2APIC) | ECX_HYPERVISOR;
        }
        return new long[] {eax, ebx, ecx, edx};
    }
}
