package org.jvmm.devices.virtio.impl.pmem;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.FileChannel.MapMode;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The bytes of a pmem device: the backing file mapped shared (writable) or read-only, padded to
 * {@value #ALIGN} bytes. Guest writes that cannot go to the file (read-only, or in the padding past
 * its end) go to private 4 KiB copy-on-write pages, at most {@value #MAX_OVERLAY_PAGES} of them;
 * writes past that bound are dropped and counted. Thread-safe like RAM: concurrent accesses race
 * as they would on hardware.
 */
final class PmemBacking implements AutoCloseable {
    /** Region sizes are multiples of this (Linux maps pmem in 2 MiB subsections). */
    static final long ALIGN = 2L << 20;
    static final int PAGE = 4096;
    static final int MAX_OVERLAY_PAGES = 16_384;
    private static final ValueLayout.OfShort U16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt U32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong U64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Path path;
    private final boolean readOnly;
    private final FileChannel channel;
    private final Arena arena;
    private final MemorySegment file;
    private final long fileLength;
    private final long size;
    private final Map<Long, MemorySegment> overlay = new ConcurrentHashMap<>();
    private final LongAdder droppedWrites = new LongAdder();

    private PmemBacking(Path path, boolean readOnly, FileChannel channel, Arena arena, MemorySegment file) {
        this.path = path;
        this.readOnly = readOnly;
        this.channel = channel;
        this.arena = arena;
        this.file = file;
        this.fileLength = file.byteSize();
        this.size = (fileLength + ALIGN - 1) / ALIGN * ALIGN;
    }

    /** Maps {@code path}; the messages name it. */
    static PmemBacking open(Path path, boolean readOnly) throws IOException {
        FileChannel ch = readOnly ? FileChannel.open(path, StandardOpenOption.READ)
                : FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        Arena arena = Arena.ofShared();
        try {
            long length = ch.size();
            if (length == 0) {
                throw new IOException(path + " is empty");
            }
            MemorySegment seg = ch.map(readOnly ? MapMode.READ_ONLY : MapMode.READ_WRITE, 0, length, arena);
            return new PmemBacking(path, readOnly, ch, arena, seg);
        } catch (IOException | RuntimeException e) {
            arena.close();
            ch.close();
            throw e;
        }
    }

    Path path() {
        return path;
    }

    boolean readOnly() {
        return readOnly;
    }

    long fileLength() {
        return fileLength;
    }

    /** The region size the guest sees. */
    long size() {
        return size;
    }

    int overlayPages() {
        return overlay.size();
    }

    long droppedWrites() {
        return droppedWrites.sum();
    }

    /** {@code size} (1, 2, 4, 8) bytes at {@code offset}, little-endian; the caller checked the bounds. */
    long read(long offset, int size) {
        if (inFile(offset, size)) {
            return get(file, offset, size);
        }
        if ((offset & (PAGE - 1)) + size <= PAGE && (readOnly || offset >= fileLength)) {
            MemorySegment page = overlay.get(offset / PAGE);
            if (page != null) {
                return get(page, offset & (PAGE - 1), size);
            }
            if (offset + size <= fileLength) {
                return get(file, offset, size);
            }
        }
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | readByte(offset + i);
        }
        return v;
    }

    /** Writes {@code size} bytes of {@code value} at {@code offset}; the caller checked the bounds. */
    void write(long offset, int size, long value) {
        if (inFile(offset, size)) {
            put(file, offset, size, value);
        } else if ((offset & (PAGE - 1)) + size <= PAGE && (readOnly || offset >= fileLength)) {
            MemorySegment page = overlayPage(offset / PAGE);
            if (page != null) {
                put(page, offset & (PAGE - 1), size, value);
            }
        } else {
            for (int i = 0; i < size; i++) {
                writeByte(offset + i, (byte) (value >>> (8 * i)));
            }
        }
    }

    /** Whether the access goes straight to the file: writable, and wholly inside it. */
    private boolean inFile(long offset, int size) {
        return !readOnly && offset + size <= fileLength;
    }

    /** Makes the guest's writes to the file durable (nothing to do read-only). */
    void flush() throws IOException {
        if (!readOnly) {
            file.force();
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            arena.close();
        } finally {
            channel.close();
        }
    }

    private long readByte(long offset) {
        if (inFile(offset, 1)) {
            return file.get(ValueLayout.JAVA_BYTE, offset) & 0xFF;
        }
        MemorySegment page = overlay.get(offset / PAGE);
        if (page != null) {
            return page.get(ValueLayout.JAVA_BYTE, offset & (PAGE - 1)) & 0xFF;
        }
        return offset < fileLength ? file.get(ValueLayout.JAVA_BYTE, offset) & 0xFF : 0;
    }

    private void writeByte(long offset, byte b) {
        if (inFile(offset, 1)) {
            file.set(ValueLayout.JAVA_BYTE, offset, b);
            return;
        }
        MemorySegment page = overlayPage(offset / PAGE);
        if (page != null) {
            page.set(ValueLayout.JAVA_BYTE, offset & (PAGE - 1), b);
        }
    }

    /** The private copy of page {@code index}, made from the file on first use; null (write dropped) when full. */
    private MemorySegment overlayPage(long index) {
        MemorySegment page = overlay.get(index);
        if (page != null) {
            return page;
        }
        if (overlay.size() >= MAX_OVERLAY_PAGES) {
            droppedWrites.increment();
            return null;
        }
        return overlay.computeIfAbsent(index, i -> {
            MemorySegment copy = MemorySegment.ofArray(new byte[PAGE]);
            long start = i * PAGE;
            if (start < fileLength) {
                MemorySegment.copy(file, start, copy, 0, Math.min(PAGE, fileLength - start));
            }
            return copy;
        });
    }

    private static long get(MemorySegment s, long at, int size) {
        return switch (size) {
            case 1 -> s.get(ValueLayout.JAVA_BYTE, at) & 0xFFL;
            case 2 -> s.get(U16, at) & 0xFFFFL;
            case 4 -> s.get(U32, at) & 0xFFFF_FFFFL;
            default -> s.get(U64, at);
        };
    }

    private static void put(MemorySegment s, long at, int size, long value) {
        switch (size) {
            case 1 -> s.set(ValueLayout.JAVA_BYTE, at, (byte) value);
            case 2 -> s.set(U16, at, (short) value);
            case 4 -> s.set(U32, at, (int) value);
            default -> s.set(U64, at, value);
        }
    }
}
