package org.jvmm.storage.disk.impl.file;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.List;
import org.jvmm.storage.disk.impl.GuestBufferException;
import org.jvmm.storage.disk.impl.ScatterGather;

/**
 * Positional transfers between a channel and scatter-gather buffers. Buffered mode hands each
 * segment to the channel directly; direct mode (O_DIRECT) stages the request in a bounce buffer
 * aligned to {@code alignment}, since guest buffers need not be.
 */
record FileIo(boolean direct, int alignment) {
    private static final long MAX_CHUNK = 1L << 30;

    static FileIo buffered() {
        return new FileIo(false, 1);
    }

    void read(FileChannel ch, long position, List<MemorySegment> buffers) throws IOException {
        if (!direct) {
            long pos = position;
            for (MemorySegment s : buffers) {
                readFully(ch, pos, s);
                pos += s.byteSize();
            }
            return;
        }
        long total = ScatterGather.totalBytes(buffers);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bounce = arena.allocate(Math.max(total, 1), alignment);
            readFully(ch, position, bounce.asSlice(0, total));
            ScatterGather.scatter(bounce, 0, buffers, 0, total);
        }
    }

    void write(FileChannel ch, long position, List<MemorySegment> buffers) throws IOException {
        if (!direct) {
            long pos = position;
            for (MemorySegment s : buffers) {
                writeFully(ch, pos, s);
                pos += s.byteSize();
            }
            return;
        }
        long total = ScatterGather.totalBytes(buffers);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment bounce = arena.allocate(Math.max(total, 1), alignment);
            ScatterGather.gather(buffers, 0, bounce, 0, total);
            writeFully(ch, position, bounce.asSlice(0, total));
        }
    }

    private static void readFully(FileChannel ch, long position, MemorySegment seg) throws IOException {
        try {
            readChunks(ch, position, seg);
        } catch (IllegalStateException | WrongThreadException | IllegalArgumentException e) {
            throw new GuestBufferException("buffer not accessible: " + e.getMessage(), e);
        }
    }

    private static void writeFully(FileChannel ch, long position, MemorySegment seg) throws IOException {
        try {
            writeChunks(ch, position, seg);
        } catch (IllegalStateException | WrongThreadException | IllegalArgumentException e) {
            throw new GuestBufferException("buffer not accessible: " + e.getMessage(), e);
        }
    }

    private static void readChunks(FileChannel ch, long position, MemorySegment seg) throws IOException {
        for (long off = 0; off < seg.byteSize(); off += MAX_CHUNK) {
            ByteBuffer bb = seg.asSlice(off, Math.min(MAX_CHUNK, seg.byteSize() - off)).asByteBuffer();
            long pos = position + off;
            while (bb.hasRemaining()) {
                int n = ch.read(bb, pos);
                if (n < 0) {
                    throw new EOFException("file ends at " + pos + " inside the disk");
                }
                pos += n;
            }
        }
    }

    private static void writeChunks(FileChannel ch, long position, MemorySegment seg) throws IOException {
        for (long off = 0; off < seg.byteSize(); off += MAX_CHUNK) {
            ByteBuffer bb = seg.asSlice(off, Math.min(MAX_CHUNK, seg.byteSize() - off)).asByteBuffer();
            long pos = position + off;
            while (bb.hasRemaining()) {
                pos += ch.write(bb, pos);
            }
        }
    }
}
