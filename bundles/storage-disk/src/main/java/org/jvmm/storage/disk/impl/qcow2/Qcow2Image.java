package org.jvmm.storage.disk.impl.qcow2;

import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.jvmm.storage.disk.impl.GuestBufferException;
import org.jvmm.storage.disk.impl.ScatterGather;

/** Cluster lookup and reads of an open qcow2 image. Thread-safe. */
final class Qcow2Image implements AutoCloseable {
    private static final long OFFSET_MASK = 0x00ff_ffff_ffff_fe00L;
    private static final long COMPRESSED = 1L << 62;
    private static final long ZERO = 1L;
    private static final int L2_CACHE = 64;

    private final String name;
    private final FileChannel ch;
    private final Qcow2Header h;
    private final long[] l1;
    private final long fileSize;
    private final Map<Long, long[]> l2Cache = new LinkedHashMap<>(L2_CACHE, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, long[]> e) {
            return size() > L2_CACHE;
        }
    };
    private long inflatedAt = -1;
    private byte[] inflated;

    Qcow2Image(String name, FileChannel ch, Qcow2Header h) throws IOException {
        this.name = name;
        this.ch = ch;
        this.h = h;
        this.fileSize = ch.size();
        this.l1 = readTable(h.l1Offset(), h.l1Size());
    }

    Qcow2Header header() {
        return h;
    }

    /**
     * Copies {@code len} bytes from {@code inCluster} of guest cluster {@code cluster} into
     * {@code dst} at {@code dstOffset}.
     *
     * @return false when the cluster is not allocated (nothing copied)
     */
    boolean read(long cluster, int inCluster, List<MemorySegment> dst, long dstOffset, int len) throws IOException {
        long entry = l2Entry(cluster);
        if ((entry & COMPRESSED) != 0) {
            byte[] data = inflate(entry);
            ScatterGather.scatter(MemorySegment.ofArray(data), inCluster, dst, dstOffset, len);
            return true;
        }
        long host = entry & OFFSET_MASK;
        if (h.version() == 3 && (entry & ZERO) != 0) {
            ScatterGather.zero(dst, dstOffset, len);
            return true;
        }
        if (host == 0) {
            return false;
        }
        checkInFile(host + inCluster, len, "data cluster of guest cluster " + cluster);
        long at = dstOffset;
        for (MemorySegment s : ScatterGather.slice(dst, dstOffset, len)) {
            try {
                readFully(host + inCluster + (at - dstOffset), s.asByteBuffer());
            } catch (IllegalStateException | WrongThreadException | IllegalArgumentException e) {
                throw new GuestBufferException("buffer not accessible: " + e.getMessage(), e);
            }
            at += s.byteSize();
        }
        return true;
    }

    /** The L2 entry of a guest cluster; 0 when its L2 table is not allocated. */
    private long l2Entry(long cluster) throws IOException {
        int l2Bits = h.clusterBits() - 3;
        long l1Index = cluster >>> l2Bits;
        if (l1Index >= l1.length) {
            return 0;
        }
        long l2Offset = l1[(int) l1Index] & OFFSET_MASK;
        if (l2Offset == 0) {
            return 0;
        }
        long[] l2;
        synchronized (l2Cache) {
            l2 = l2Cache.get(l2Offset);
        }
        if (l2 == null) {
            if ((l2Offset & (h.clusterSize() - 1)) != 0) {
                throw new IOException(name + ": misaligned L2 table at " + l2Offset);
            }
            l2 = readTable(l2Offset, h.l2Entries());
            synchronized (l2Cache) {
                l2Cache.put(l2Offset, l2);
            }
        }
        return l2[(int) (cluster & (h.l2Entries() - 1))];
    }

    private byte[] inflate(long entry) throws IOException {
        int x = 62 - (h.clusterBits() - 8);
        long offset = entry & ((1L << x) - 1);
        long sectors = (entry & ~COMPRESSED & ~(1L << 63)) >>> x;
        long length = Math.min((sectors + 1) * 512 - (offset & 511), fileSize - offset);
        synchronized (this) {
            if (inflatedAt == offset) {
                return inflated;
            }
        }
        checkInFile(offset, (int) Math.max(0, length), "compressed cluster");
        ByteBuffer in = ByteBuffer.allocate((int) length);
        readFully(offset, in);
        byte[] out = new byte[h.clusterSize()];
        Inflater inf = new Inflater(true);
        try {
            inf.setInput(in.array());
            int n = 0;
            while (n < out.length && !inf.finished()) {
                int got = inf.inflate(out, n, out.length - n);
                if (got == 0 && (inf.needsInput() || inf.needsDictionary())) {
                    break;
                }
                n += got;
            }
            if (n != out.length) {
                throw new IOException(name + ": compressed cluster at " + offset + " inflates to " + n
                        + " bytes, not " + out.length);
            }
        } catch (DataFormatException e) {
            throw new IOException(name + ": bad compressed cluster at " + offset + ": " + e.getMessage(), e);
        } finally {
            inf.end();
        }
        synchronized (this) {
            inflatedAt = offset;
            inflated = out;
        }
        return out;
    }

    private long[] readTable(long offset, int entries) throws IOException {
        checkInFile(offset, entries * 8, "table");
        ByteBuffer b = ByteBuffer.allocate(entries * 8);
        readFully(offset, b);
        b.flip();
        long[] t = new long[entries];
        b.asLongBuffer().get(t);
        return t;
    }

    private void checkInFile(long offset, int length, String what) throws IOException {
        if (offset < 0 || length < 0 || offset > fileSize - length) {
            throw new IOException(name + ": " + what + " at " + offset + "+" + length + " lies outside the file");
        }
    }

    private void readFully(long position, ByteBuffer b) throws IOException {
        long pos = position;
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new EOFException(name + ": unexpected end of file at " + pos);
            }
            pos += n;
        }
    }

    @Override
    public void close() throws IOException {
        ch.close();
    }
}
