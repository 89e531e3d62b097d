package org.jvmm.guestmem;

import static java.nio.ByteOrder.LITTLE_ENDIAN;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.guestmem.impl.RamBacking;

/**
 * Guest RAM: one shared {@link MemorySegment} and bounds-checked little-endian accessors by
 * guest-physical address. Every access must lie entirely inside one RAM range of the
 * {@link GuestMemoryLayout}; anything else (MMIO hole, beyond RAM, negative or overflowing
 * addresses) throws {@link GuestMemoryException}, or returns {@code false} from the
 * {@code try*} variants meant for guest-controlled addresses. Writes through these methods are
 * reported to the {@link WriteObserver}; a writer that fills a {@link #slice} reports it with
 * {@link #written}. Safe for concurrent use.
 */
public final class GuestMemory implements AutoCloseable {

    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(LITTLE_ENDIAN);
    private static final VarHandle ATOMIC32 = ValueLayout.JAVA_INT.withOrder(LITTLE_ENDIAN).varHandle();
    private static final VarHandle ATOMIC64 = ValueLayout.JAVA_LONG.withOrder(LITTLE_ENDIAN).varHandle();

    private final GuestMemoryLayout layout;
    private final RamRange[] ranges;
    private final long ramSize;
    private final RamBacking backing;
    private final MemorySegment segment;
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile WriteObserver observer = WriteObserver.NONE;

    private GuestMemory(GuestMemoryLayout layout, RamBacking backing) {
        this.layout = layout;
        this.ranges = layout.ranges().toArray(RamRange[]::new);
        this.ramSize = layout.ramSize();
        this.backing = backing;
        this.segment = backing.segment();
    }

    /**
     * Anonymous shared RAM for {@code layout}: a memfd mapped shared (its fd stays open for other
     * mappings, e.g. a KVM backend), or shared-arena memory where memfd does not exist.
     *
     * @throws IOException if the memfd cannot be created or mapped (message names the call)
     */
    public static GuestMemory create(GuestMemoryLayout layout) throws IOException {
        return new GuestMemory(layout, RamBacking.anonymous(layout.ramSize()));
    }

    /**
     * RAM backed by {@code ramFile}, mapped shared: the file is created, or extended to the RAM
     * size, and its existing content is kept.
     */
    public static GuestMemory create(GuestMemoryLayout layout, Path ramFile) throws IOException {
        return new GuestMemory(layout, RamBacking.file(ramFile, layout.ramSize()));
    }

    public GuestMemoryLayout layout() {
        return layout;
    }

    /** Size in bytes of the RAM segment. */
    public long ramSize() {
        return ramSize;
    }

    /** The whole RAM mapping, indexed by segment offset (see {@link GuestMemoryLayout#offsetOf}). */
    public MemorySegment segment() {
        ensureOpen();
        return segment;
    }

    /** The memfd behind the RAM, if any; valid until {@link #close}. */
    public OptionalInt fd() {
        ensureOpen();
        return backing.fd();
    }

    /** The file behind the RAM, if it is file backed. */
    public Optional<Path> file() {
        return backing.file();
    }

    public byte read8(long gpa) {
        return segment.get(ValueLayout.JAVA_BYTE, offset(gpa, 1));
    }

    public short read16(long gpa) {
        return segment.get(LE16, offset(gpa, 2));
    }

    public int read32(long gpa) {
        return segment.get(LE32, offset(gpa, 4));
    }

    public long read64(long gpa) {
        return segment.get(LE64, offset(gpa, 8));
    }

    public void write8(long gpa, byte value) {
        long o = offset(gpa, 1);
        segment.set(ValueLayout.JAVA_BYTE, o, value);
        observer.written(o, 1);
    }

    public void write16(long gpa, short value) {
        long o = offset(gpa, 2);
        segment.set(LE16, o, value);
        observer.written(o, 2);
    }

    public void write32(long gpa, int value) {
        long o = offset(gpa, 4);
        segment.set(LE32, o, value);
        observer.written(o, 4);
    }

    public void write64(long gpa, long value) {
        long o = offset(gpa, 8);
        segment.set(LE64, o, value);
        observer.written(o, 8);
    }

    /** Copies {@code len} guest bytes at {@code gpa} into {@code dst[off, off + len)}. */
    public void read(long gpa, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset(gpa, len), dst, off, len);
    }

    /** Copies {@code src[off, off + len)} to guest memory at {@code gpa}. */
    public void write(long gpa, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        long o = offset(gpa, len);
        MemorySegment.copy(src, off, segment, ValueLayout.JAVA_BYTE, o, len);
        observer.written(o, len);
    }

    /** Fills all of {@code dst} from guest memory at {@code gpa}. */
    public void read(long gpa, MemorySegment dst) {
        long len = dst.byteSize();
        MemorySegment.copy(segment, offset(gpa, len), dst, 0, len);
    }

    /** Copies all of {@code src} to guest memory at {@code gpa}. */
    public void write(long gpa, MemorySegment src) {
        long len = src.byteSize();
        long o = offset(gpa, len);
        MemorySegment.copy(src, 0, segment, o, len);
        observer.written(o, len);
    }

    /** Sets {@code len} guest bytes at {@code gpa} to {@code value}. */
    public void fill(long gpa, long len, byte value) {
        long o = offset(gpa, len);
        segment.asSlice(o, len).fill(value);
        observer.written(o, len);
    }

    /** Like {@link #read(long, byte[], int, int)}, but returns {@code false} if not all RAM. */
    public boolean tryRead(long gpa, byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        long offset = find(gpa, len);
        if (offset < 0) {
            ensureOpen();
            return false;
        }
        MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, offset, dst, off, len);
        return true;
    }

    /** Like {@link #write(long, byte[], int, int)}, but returns {@code false} if not all RAM. */
    public boolean tryWrite(long gpa, byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        long offset = find(gpa, len);
        if (offset < 0) {
            ensureOpen();
            return false;
        }
        MemorySegment.copy(src, off, segment, ValueLayout.JAVA_BYTE, offset, len);
        observer.written(offset, len);
        return true;
    }

    /** Atomically sets the aligned 32-bit word at {@code gpa} to {@code value} if it is {@code expected}. */
    public boolean compareExchange32(long gpa, int expected, int value) {
        long o = atomicOffset(gpa, 4);
        boolean set = (boolean) ATOMIC32.compareAndSet(segment, o, expected, value);
        if (set) {
            observer.written(o, 4);
        }
        return set;
    }

    /** Atomically sets the aligned 64-bit word at {@code gpa} to {@code value} if it is {@code expected}. */
    public boolean compareExchange64(long gpa, long expected, long value) {
        long o = atomicOffset(gpa, 8);
        boolean set = (boolean) ATOMIC64.compareAndSet(segment, o, expected, value);
        if (set) {
            observer.written(o, 8);
        }
        return set;
    }

    /** Atomically adds {@code delta} to the aligned 32-bit word at {@code gpa}; returns the old value. */
    public int getAndAdd32(long gpa, int delta) {
        long o = atomicOffset(gpa, 4);
        int old = (int) ATOMIC32.getAndAdd(segment, o, delta);
        observer.written(o, 4);
        return old;
    }

    /** Atomically adds {@code delta} to the aligned 64-bit word at {@code gpa}; returns the old value. */
    public long getAndAdd64(long gpa, long delta) {
        long o = atomicOffset(gpa, 8);
        long old = (long) ATOMIC64.getAndAdd(segment, o, delta);
        observer.written(o, 8);
        return old;
    }

    /**
     * Reports that {@code [gpa, gpa + len)} was written through a {@link #slice} (DMA). Addresses
     * outside RAM are ignored: the slice could not have reached them.
     */
    public void written(long gpa, long len) {
        long o = find(gpa, len);
        if (o >= 0 && len > 0) {
            observer.written(o, len);
        }
    }

    /**
     * Sets the one observer of writes that bypass the processors (the hypervisor backend's), replacing
     * any earlier one; {@link WriteObserver#NONE} removes it.
     */
    public void observeWrites(WriteObserver observer) {
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /**
     * A view of guest memory {@code [gpa, gpa + len)} (for DMA) that cannot reach outside it. Whoever
     * writes through it reports the bytes with {@link #written}.
     *
     * @throws GuestMemoryException if the range is not entirely inside one RAM range
     */
    public MemorySegment slice(long gpa, long len) {
        ensureOpen();
        return segment.asSlice(offset(gpa, len), len);
    }

    /** Unmaps the RAM and closes its memfd; idempotent. Later accesses throw IllegalStateException. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                backing.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public String toString() {
        return "GuestMemory[ramSize=0x%x, ranges=%s, fd=%s, file=%s]"
                .formatted(ramSize, layout.ranges(), backing.fd(), backing.file());
    }

    private long find(long gpa, long len) {
        for (RamRange range : ranges) {
            long offset = range.offsetOf(gpa, len);
            if (offset >= 0) {
                return offset;
            }
        }
        return -1;
    }

    private long offset(long gpa, long len) {
        long offset = find(gpa, len);
        if (offset < 0) {
            ensureOpen();
            throw new GuestMemoryException(gpa, len);
        }
        return offset;
    }

    private long atomicOffset(long gpa, long len) {
        if ((gpa & (len - 1)) != 0) {
            ensureOpen();
            throw new GuestMemoryException(gpa, len, "atomic access not naturally aligned");
        }
        return offset(gpa, len);
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new IllegalStateException("guest memory is closed");
        }
    }
}
