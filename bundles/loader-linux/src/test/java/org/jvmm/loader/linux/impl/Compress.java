package org.jvmm.loader.linux.impl;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.zip.GZIPOutputStream;
import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Factory;
import org.tukaani.xz.FilterOptions;
import org.tukaani.xz.LZMA2Options;
import org.tukaani.xz.X86Options;
import org.tukaani.xz.XZ;
import org.tukaani.xz.XZOutputStream;

/** Compresses as the kernel build does (scripts/Makefile.lib): gzip, xz with BCJ x86 and the size appended, lz4 -l. */
final class Compress {
    private Compress() {
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static byte[] xz(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (XZOutputStream xz = new XZOutputStream(out,
                new FilterOptions[] {new X86Options(), new LZMA2Options(1)}, XZ.CHECK_CRC32)) {
            xz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return sizeAppended(out, data.length);
    }

    /** Legacy frames; {@code magicEvery} > 0 repeats the magic before every that many blocks. */
    static byte[] lz4Legacy(byte[] data, int magicEvery) {
        LZ4Compressor c = LZ4Factory.safeInstance().fastCompressor();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int block = 8 << 20;
        byte[] buf = new byte[c.maxCompressedLength(block)];
        int n = 0;
        for (int at = 0; at < data.length; at += block, n++) {
            if (n == 0 || (magicEvery > 0 && n % magicEvery == 0)) {
                out.writeBytes(le32(0x184C2102));
            }
            int len = c.compress(data, at, Math.min(block, data.length - at), buf, 0, buf.length);
            out.writeBytes(le32(len));
            out.write(buf, 0, len);
        }
        return sizeAppended(out, data.length);
    }

    static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static byte[] sizeAppended(ByteArrayOutputStream out, int size) {
        out.writeBytes(le32(size));
        return out.toByteArray();
    }
}
