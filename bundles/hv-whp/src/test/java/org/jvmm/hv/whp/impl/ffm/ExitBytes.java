package org.jvmm.hv.whp.impl.ffm;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A hand-built {@code WHV_RUN_VP_EXIT_CONTEXT}, written at the offsets of {@code <winhvplatformdefs.h>}
 * as numbers (not taken from {@link WhpLayouts}, so the decoder is checked independently).
 */
final class ExitBytes {
    static final int UNION = 48;
    final ByteBuffer b = ByteBuffer.allocate(224).order(ByteOrder.LITTLE_ENDIAN);

    ExitBytes(int reason) {
        b.putInt(0, reason);
    }

    /** VpContext: execution state at 8, instruction length / CR8 byte at 10, CS at 16, RIP 32, RFLAGS 40. */
    ExitBytes vp(int executionState, int instructionLength, int cr8, long rip, long rflags) {
        b.putShort(8, (short) executionState);
        b.put(10, (byte) (instructionLength | cr8 << 4));
        b.putLong(32, rip);
        b.putLong(40, rflags);
        return this;
    }

    ExitBytes segment(int at, long base, int limit, int selector, int attributes) {
        b.putLong(at, base);
        b.putInt(at + 8, limit);
        b.putShort(at + 12, (short) selector);
        b.putShort(at + 14, (short) attributes);
        return this;
    }

    ExitBytes cs(long base, int limit, int selector, int attributes) {
        return segment(16, base, limit, selector, attributes);
    }

    /** Instruction byte count at union+0, bytes at union+4. */
    ExitBytes instruction(int... bytes) {
        b.put(UNION, (byte) bytes.length);
        for (int i = 0; i < bytes.length; i++) {
            b.put(UNION + 4 + i, (byte) bytes[i]);
        }
        return this;
    }

    ExitBytes u8(int offset, int v) {
        b.put(UNION + offset, (byte) v);
        return this;
    }

    ExitBytes u16(int offset, int v) {
        b.putShort(UNION + offset, (short) v);
        return this;
    }

    ExitBytes u32(int offset, int v) {
        b.putInt(UNION + offset, v);
        return this;
    }

    ExitBytes u64(int offset, long v) {
        b.putLong(UNION + offset, v);
        return this;
    }

    WhpExit decode() {
        return ExitDecoder.decode(java.lang.foreign.MemorySegment.ofArray(b.array()));
    }
}
