package org.jvmm.hv.emu.impl.vp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class Extended80Test {
    private final ByteBuffer b = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN);

    private double roundTrip(double v) {
        Extended80.write(b, 0, v);
        return Extended80.read(b, 0);
    }

    @Test
    void doublesConvertExactly() {
        double[] values = {0.0, -0.0, 1.5, -Math.PI, Double.MAX_VALUE, Double.MIN_VALUE, Double.MIN_NORMAL,
            3 * Double.MIN_VALUE, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e-310};
        for (double v : values) {
            assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(roundTrip(v)), "value " + v);
        }
        assertTrue(Double.isNaN(roundTrip(Double.NaN)));
    }

    @Test
    void theExtendedEncodingIsTheX87One() {
        Extended80.write(b, 0, 1.0);
        assertEquals(0x8000_0000_0000_0000L, b.getLong(0));
        assertEquals(0x3FFF, b.getShort(8));
        Extended80.write(b, 0, -2.0);
        assertEquals(0xC000 & 0xFFFF, b.getShort(8) & 0xFFFF);
        Extended80.write(b, 0, Double.MIN_VALUE);
        assertEquals(0x8000_0000_0000_0000L, b.getLong(0));
        assertEquals(16383 - 1074, b.getShort(8));
    }

    @Test
    void extraPrecisionRoundsToNearestEven() {
        b.putShort(8, (short) 0x3FFF);
        b.putLong(0, 0x8000_0000_0000_0400L); // halfway, even below: stays 1.0
        assertEquals(1.0, Extended80.read(b, 0));
        b.putLong(0, 0x8000_0000_0000_0C00L); // halfway, odd below: rounds up
        assertEquals(1.0 + 0x1p-51, Extended80.read(b, 0));
        b.putLong(0, 0x8000_0000_0000_0401L); // above halfway
        assertEquals(1.0 + 0x1p-52, Extended80.read(b, 0));
    }
}
