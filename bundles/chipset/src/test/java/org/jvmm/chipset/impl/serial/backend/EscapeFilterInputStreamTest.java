package org.jvmm.chipset.impl.serial.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EscapeFilterInputStreamTest {
    @Test
    void takenEscapesAreDroppedAndCounted() throws Exception {
        AtomicInteger escapes = new AtomicInteger();
        var in = new EscapeFilterInputStream(new ByteArrayInputStream(new byte[] {'a', 0x11, 3, 0x11, 'b'}),
                () -> escapes.incrementAndGet() > 0);
        byte[] buf = new byte[16];
        int n = in.read(buf, 0, buf.length);
        assertArrayEquals(new byte[] {'a', 3, 'b'}, Arrays.copyOf(buf, n), "Ctrl-C (3) passes, Ctrl-Q does not");
        assertEquals(2, escapes.get());
        assertEquals(-1, in.read(buf, 0, buf.length));
    }

    @Test
    void declinedEscapesGoToTheGuest() throws Exception {
        var in = new EscapeFilterInputStream(new ByteArrayInputStream(new byte[] {0x11, 'x'}), () -> false);
        assertEquals(0x11, in.read());
        assertEquals('x', in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void singleByteReadSkipsTakenEscapes() throws Exception {
        var in = new EscapeFilterInputStream(new ByteArrayInputStream(new byte[] {0x11, 0x11, 'y'}), () -> true);
        assertEquals('y', in.read());
        assertEquals(-1, in.read());
    }

    @Test
    void onlyEscapesReadAsZeroBytesAtTheRightOffset() throws Exception {
        var in = new EscapeFilterInputStream(new ByteArrayInputStream(new byte[] {0x11}), () -> true);
        byte[] buf = {9, 9, 9};
        assertEquals(0, in.read(buf, 1, 2));
        assertArrayEquals(new byte[] {9, 0x11, 9}, buf);
    }
}
