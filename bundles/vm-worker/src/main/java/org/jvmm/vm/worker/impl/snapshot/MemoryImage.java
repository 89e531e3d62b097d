package org.jvmm.vm.worker.impl.snapshot;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Guest RAM as a raw file of the RAM's size; pages of zeros are skipped when writing, so the file is
 * sparse where the file system allows it.
 */
final class MemoryImage {
    static final int PAGE = 4096;

    private MemoryImage() {
    }

    static void write(MemorySegment ram, Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (long off = 0; off < ram.byteSize(); off += PAGE) {
                long len = Math.min(PAGE, ram.byteSize() - off);
                MemorySegment page = ram.asSlice(off, len);
                if (!isZero(page)) {
                    ByteBuffer buf = page.asByteBuffer();
                    while (buf.hasRemaining()) {
                        ch.write(buf, off + buf.position());
                    }
                }
            }
            if (ch.size() < ram.byteSize()) {
                ch.write(ByteBuffer.allocate(1), ram.byteSize() - 1);
            }
        }
    }

    static void read(Path file, MemorySegment ram) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() != ram.byteSize()) {
                throw new IOException(file + " holds " + ch.size() + " bytes, guest RAM is " + ram.byteSize());
            }
            ByteBuffer buf = ram.asByteBuffer();
            while (buf.hasRemaining()) {
                if (ch.read(buf, buf.position()) < 0) {
                    throw new IOException(file + " ended early");
                }
            }
        }
    }

    private static boolean isZero(MemorySegment page) {
        long n = page.byteSize();
        long i = 0;
        for (; i + 8 <= n; i += 8) {
            if (page.get(ValueLayout.JAVA_LONG_UNALIGNED, i) != 0) {
                return false;
            }
        }
        for (; i < n; i++) {
            if (page.get(ValueLayout.JAVA_BYTE, i) != 0) {
                return false;
            }
        }
        return true;
    }
}
