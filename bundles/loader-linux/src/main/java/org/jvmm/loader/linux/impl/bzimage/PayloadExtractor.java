package org.jvmm.loader.linux.impl.bzimage;

import org.jvmm.loader.linux.impl.ImageException;
import static org.jvmm.loader.linux.impl.ByteReader.u32;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import org.tukaani.xz.SingleXZInputStream;

/**
 * Decompresses a bzImage's payload (the compressed vmlinux, {@code payload_offset} and
 * {@code payload_length} in the setup header) in memory: gzip through {@code java.util.zip}, XZ
 * (BCJ x86 + LZMA2, as the kernel's xz_wrap.sh writes it) through XZ for Java, LZ4 legacy frames
 * through lz4-java. bzip2, LZMA, LZO and zstd payloads are named and refused.
 */
public final class PayloadExtractor {
    /** Refuse outputs beyond this (a vmlinux is tens of MiB). */
    static final int MAX_OUTPUT = 1 << 30;
    private static final byte[] GZIP = {0x1F, (byte) 0x8B};
    private static final byte[] XZ = {(byte) 0xFD, '7', 'z', 'X', 'Z', 0};
    private static final byte[] ZSTD = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD};
    private static final byte[] BZIP2 = {'B', 'Z', 'h'};
    private static final byte[] LZMA = {0x5D, 0, 0};
    private static final byte[] LZO = {(byte) 0x89, 'L', 'Z', 'O'};

    private PayloadExtractor() {
    }

    /** The compression of {@code payload}, by its magic: gzip, xz, lz4, zstd, bzip2, lzma, lzo or unknown. */
    public static String compression(byte[] payload) {
        if (startsWith(payload, GZIP)) {
            return "gzip";
        } else if (startsWith(payload, XZ)) {
            return "xz";
        } else if (Lz4Legacy.matches(payload)) {
            return "lz4";
        } else if (startsWith(payload, ZSTD)) {
            return "zstd";
        } else if (startsWith(payload, BZIP2)) {
            return "bzip2";
        } else if (startsWith(payload, LZMA)) {
            return "lzma";
        } else if (startsWith(payload, LZO)) {
            return "lzo";
        }
        return "unknown";
    }

    /** The decompressed payload. */
    public static byte[] extract(byte[] payload) throws ImageException {
        String kind = compression(payload);
        int hint = sizeHint(payload);
        try {
            return switch (kind) {
                case "gzip" -> readAll(new GZIPInputStream(new ByteArrayInputStream(payload), 1 << 16), hint);
                case "xz" -> readAll(new SingleXZInputStream(new ByteArrayInputStream(payload)), hint);
                case "lz4" -> Lz4Legacy.decompress(payload, hint);
                case "unknown" -> throw new ImageException("payload compression not recognised (first bytes "
                        + hex(payload) + ")");
                default -> throw new ImageException(kind + "-compressed payloads are not supported; use a "
                        + "kernel built with gzip, xz or lz4, or boot the bzImage through its 64-bit entry");
            };
        } catch (IOException e) {
            throw new ImageException(kind + " payload is corrupt: " + e.getMessage(), e);
        }
    }

    /** The kernel build appends the uncompressed size (gzip's ISIZE is the same field). */
    private static int sizeHint(byte[] payload) {
        if (payload.length < 8) {
            return 0;
        }
        long size = u32(payload, payload.length - 4);
        return size < MAX_OUTPUT ? (int) size : 0;
    }

    private static byte[] readAll(InputStream in, int hint) throws IOException, ImageException {
        try (in) {
            byte[] out = new byte[Math.max(hint, 1 << 16)];
            int size = 0;
            while (true) {
                if (size == out.length) {
                    if (out.length >= MAX_OUTPUT) {
                        throw new ImageException("payload decompresses to more than " + MAX_OUTPUT + " bytes");
                    }
                    out = Arrays.copyOf(out, (int) Math.min((long) out.length * 2, MAX_OUTPUT));
                }
                int n = in.read(out, size, out.length - size);
                if (n < 0) {
                    return size == out.length ? out : Arrays.copyOf(out, size);
                }
                size += n;
            }
        }
    }

    private static boolean startsWith(byte[] data, byte[] magic) {
        return data.length >= magic.length && Arrays.equals(data, 0, magic.length, magic, 0, magic.length);
    }

    private static String hex(byte[] data) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < Math.min(4, data.length); i++) {
            sb.append(String.format("%02x", data[i]));
        }
        return sb.toString();
    }
}
