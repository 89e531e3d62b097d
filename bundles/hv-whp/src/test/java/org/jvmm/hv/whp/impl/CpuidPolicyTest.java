package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.jvmm.hv.whp.impl.ffm.WhpExit;
import org.junit.jupiter.api.Test;

class CpuidPolicyTest {
    private static WhpExit.Cpuid leaf(long leaf, long ecx) {
        return new WhpExit.Cpuid(Exits.vp(0, 2, 2), leaf, 0, 0, 0, 0xFFFF_FFFF_0000_0001L, ecx, 0x44, 0x22);
    }

    @Test
    void leafOneFollowsX2apicAndSetsTheHypervisorBit() {
        assertArrayEquals(new long[] {1, 0x22, 0x8020_0000L, 0x44}, new CpuidPolicy(true).answer(leaf(1, 0)));
        assertArrayEquals(new long[] {1, 0x22, 0x8000_0001L, 0x44},
                new CpuidPolicy(false).answer(leaf(1, 1L << 21 | 1)));
    }

    @Test
    void otherLeavesPassThroughZeroExtended() {
        assertArrayEquals(new long[] {1, 0x22, 0x20_0000L, 0x44}, new CpuidPolicy(false).answer(leaf(7, 1L << 21)));
    }
}
