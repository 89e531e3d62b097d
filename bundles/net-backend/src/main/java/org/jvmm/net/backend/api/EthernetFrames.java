package org.jvmm.net.backend.api;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

/** Ethernet frame limits, and gathering a frame's scatter-gather list into one array. */
public final class EthernetFrames {
    /** Destination, source and EtherType: the shortest frame an endpoint accepts. */
    public static final int MIN_LENGTH = 14;
    /** The longest frame: a 64 KiB IP datagram in a VLAN-tagged frame (virtio-net's 65562-byte buffer less its header). */
    public static final int MAX_LENGTH = 65_550;

    private EthernetFrames() {
    }

    /** Total bytes of {@code segments}; saturates at {@link Long#MAX_VALUE}. */
    public static long length(List<MemorySegment> segments) {
        long total = 0;
        for (MemorySegment s : segments) {
            total += s.byteSize();
            if (total < 0) {
                return Long.MAX_VALUE;
            }
        }
        return total;
    }

    /** Whether a frame of {@code length} bytes is within the limits. */
    public static boolean validLength(long length) {
        return length >= MIN_LENGTH && length <= MAX_LENGTH;
    }

    /**
     * The bytes of {@code segments} in one array.
     *
     * @throws IllegalArgumentException if they are not a frame of valid length (check with
     *                                  {@link #validLength} first)
     */
    public static byte[] gather(List<MemorySegment> segments) {
        long length = length(segments);
        if (!validLength(length)) {
            throw new IllegalArgumentException("frame of " + length + " bytes is not " + MIN_LENGTH + ".." + MAX_LENGTH);
        }
        byte[] frame = new byte[(int) length];
        int at = 0;
        for (MemorySegment s : segments) {
            MemorySegment.copy(s, ValueLayout.JAVA_BYTE, 0, frame, at, (int) s.byteSize());
            at += (int) s.byteSize();
        }
        return frame;
    }
}
