package org.jvmm.loader.linux.impl.bzimage;

import org.jvmm.loader.linux.impl.ImageException;
import static org.jvmm.loader.linux.impl.ByteReader.u32;

import java.util.Arrays;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * The LZ4 "legacy" frame that {@code lz4 -l} writes and the kernel's unlz4 reads: the magic
 * 0x184C2102, then blocks of a 32-bit compressed size and raw LZ4 data, each decompressing to at
 * most 8 MiB. The magic may repeat (concatenated frames). A final 4-byte field that cannot be a
 * block (the kernel build appends the uncompressed size) ends the stream.
 */
public final class Lz4Legacy {
    public static final long MAGIC = 0x184C_2102L;
    public static final int BLOCK = 8 << 20;

    private Lz4Legacy() {
    }

    public static boolean matches(byte[] data) {
        return data.length >= 4 && u32(data, 0) == MAGIC;
    }

    /**
     * Decompresses {@code data}.
     *
     * @param sizeHint expected output size (a capacity hint only)
     * @throws ImageException if a block is truncated or corrupt
     */
    public static byte[] decompress(byte[] data, int sizeHint) throws ImageException {
        LZ4SafeDecompressor lz4 = LZ4Factory.safeInstance().safeDecompressor();
        // Blocks decompress straight into the output, which grows only when the hint was too small.
        byte[] out = new byte[Math.max(sizeHint, 1024)];
        int length = 0;
        int at = 0;
        while (at + 4 <= data.length) {
            long size = u32(data, at);
            at += 4;
            if (size == MAGIC) {
                continue;
            }
            if (size > data.length - at) {
                if (at == data.length) {
                    break; // the appended uncompressed size
                }
                throw new ImageException("LZ4 block of " + size + " bytes at offset " + (at - 4)
                        + " runs past the end of the payload");
            }
            int n;
            try {
                n = lz4.decompress(data, at, (int) size, out, length, Math.min(BLOCK, out.length - length));
            } catch (LZ4Exception e) {
                if (out.length - length >= BLOCK) {
                    throw new ImageException("LZ4 block at offset " + (at - 4) + " is corrupt: " + e.getMessage(), e);
                }
                // The size hint was short: make room for a whole block and try again.
                out = Arrays.copyOf(out, (int) Math.min(Integer.MAX_VALUE - 8, (long) length + 2L * BLOCK));
                at -= 4;
                continue;
            }
            length += n;
            at += (int) size;
        }
        return length == out.length ? out : Arrays.copyOf(out, length);
    }
}
