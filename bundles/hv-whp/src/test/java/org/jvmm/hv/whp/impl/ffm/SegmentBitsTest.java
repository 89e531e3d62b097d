package org.jvmm.hv.whp.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.hv.api.Segment;
import org.junit.jupiter.api.Test;

class SegmentBitsTest {
    @Test
    void upperFlagsMoveBetweenTheTwoForms() {
        int api = 0xB | Segment.S | Segment.P | Segment.L | Segment.G | 1 << 8;
        int whp = SegmentBits.toWhp(api);
        assertEquals(0xB, BitFields.SEG_TYPE.get(whp));
        assertEquals(1, BitFields.SEG_NON_SYSTEM.get(whp));
        assertEquals(1, BitFields.SEG_PRESENT.get(whp));
        assertEquals(1, BitFields.SEG_AVAILABLE.get(whp));
        assertEquals(1, BitFields.SEG_LONG.get(whp));
        assertEquals(0, BitFields.SEG_DEFAULT.get(whp));
        assertEquals(1, BitFields.SEG_GRANULARITY.get(whp));
        assertEquals(api, SegmentBits.toApi(whp));
    }

    @Test
    void dplAndDefaultBig() {
        int api = Segment.data(0x2B).attributes() | 3 << 5;
        int whp = SegmentBits.toWhp(api);
        assertEquals(3, BitFields.SEG_DPL.get(whp));
        assertEquals(1, BitFields.SEG_DEFAULT.get(whp));
        assertEquals(api, SegmentBits.toApi(whp));
    }
}
