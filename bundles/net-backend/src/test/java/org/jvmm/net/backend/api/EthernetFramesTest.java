package org.jvmm.net.backend.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;
import org.junit.jupiter.api.Test;

class EthernetFramesTest {
    static byte[] bytes(int n, int seed) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (seed + 3 * i);
        }
        return b;
    }

    @Test
    void gathersSegmentsInOrder() {
        byte[] a = bytes(10, 1);
        byte[] b = bytes(0, 2);
        byte[] c = bytes(30, 3);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment off = arena.allocate(40).asSlice(7, 30);
            off.copyFrom(MemorySegment.ofArray(c));
            List<MemorySegment> frame = List.of(MemorySegment.ofArray(a), MemorySegment.ofArray(b), off);
            assertEquals(40, EthernetFrames.length(frame));
            byte[] all = EthernetFrames.gather(frame);
            byte[] expected = new byte[40];
            System.arraycopy(a, 0, expected, 0, 10);
            System.arraycopy(c, 0, expected, 10, 30);
            assertArrayEquals(expected, all);
        }
    }

    @Test
    void lengthLimits() {
        assertFalse(EthernetFrames.validLength(13));
        assertTrue(EthernetFrames.validLength(14));
        assertTrue(EthernetFrames.validLength(65_550));
        assertFalse(EthernetFrames.validLength(65_551));
        assertFalse(EthernetFrames.validLength(-1));
        assertThrows(IllegalArgumentException.class, () -> EthernetFrames.gather(List.of(MemorySegment.ofArray(new byte[13]))));
        assertThrows(IllegalArgumentException.class,
                () -> EthernetFrames.gather(List.of(MemorySegment.ofArray(new byte[65_000]), MemorySegment.ofArray(new byte[551]))));
    }
}
