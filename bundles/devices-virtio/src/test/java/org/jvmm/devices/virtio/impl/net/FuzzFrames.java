package org.jvmm.devices.virtio.impl.net;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Frames of a fuzz run that identify themselves: broadcast destination, then the sequence number and
 * the length (little-endian ints at bytes 6 and 10), the rest a pattern of both, so a delivered frame
 * can be checked byte for byte.
 */
final class FuzzFrames {
    private FuzzFrames() {
    }

    /** Frame {@code seq} of {@code len} bytes; shorter than 14 bytes it is pattern only. */
    static byte[] frame(int seq, int len) {
        byte[] f = new byte[len];
        for (int i = 0; i < len; i++) {
            f[i] = (byte) (seq * 31 + i * 7);
        }
        if (len >= 14) {
            Arrays.fill(f, 0, 6, (byte) 0xFF);
            ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN).putInt(6, seq).putInt(10, len);
        }
        return f;
    }

    /** The sequence number of an intact frame; an AssertionError if it is not one. */
    static int check(byte[] f) {
        if (f.length < 14) {
            throw new AssertionError("delivered frame of " + f.length + " bytes");
        }
        ByteBuffer b = ByteBuffer.wrap(f).order(ByteOrder.LITTLE_ENDIAN);
        int seq = b.getInt(6);
        int len = b.getInt(10);
        if (len != f.length || !Arrays.equals(f, frame(seq, len))) {
            throw new AssertionError("delivered frame (" + f.length + " bytes, says seq " + seq + " len " + len
                    + ") is not what was sent");
        }
        return seq;
    }
}
