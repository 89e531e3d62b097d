package org.jvmm.devices.virtio.impl.queue;

import java.util.Objects;
import org.jvmm.devices.virtio.api.ChainReader;
import org.jvmm.devices.virtio.api.ChainWriter;
import org.jvmm.guestmem.GuestMemory;

/** A cursor over pieces {@code [piece, end)} of a chain; every piece is non-empty and in guest RAM. */
final class SegmentCursor implements ChainReader, ChainWriter {
    private final GuestMemory memory;
    private final long[] addrs;
    private final long[] lens;
    private int piece;
    private long pieceOffset;
    private long remaining;
    private long position;

    SegmentCursor(GuestMemory memory, long[] addrs, long[] lens, int from, int to, long total) {
        this.memory = memory;
        this.addrs = addrs;
        this.lens = lens;
        this.piece = from;
        this.remaining = total;
    }

    @Override
    public long remaining() {
        return remaining;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public int read(byte[] dst, int off, int len) {
        Objects.checkFromIndexSize(off, len, dst.length);
        int done = 0;
        while (done < len && remaining > 0) {
            int n = (int) Math.min(len - done, lens[piece] - pieceOffset);
            memory.read(addrs[piece] + pieceOffset, dst, off + done, n);
            move(n);
            done += n;
        }
        return done;
    }

    @Override
    public int write(byte[] src, int off, int len) {
        Objects.checkFromIndexSize(off, len, src.length);
        int done = 0;
        while (done < len && remaining > 0) {
            int n = (int) Math.min(len - done, lens[piece] - pieceOffset);
            memory.write(addrs[piece] + pieceOffset, src, off + done, n);
            move(n);
            done += n;
        }
        return done;
    }

    @Override
    public long fill(byte value, long n) {
        long done = 0;
        while (done < n && remaining > 0) {
            long k = Math.min(n - done, lens[piece] - pieceOffset);
            memory.fill(addrs[piece] + pieceOffset, k, value);
            move(k);
            done += k;
        }
        return done;
    }

    @Override
    public long skip(long n) {
        long done = 0;
        while (done < n && remaining > 0) {
            long k = Math.min(n - done, lens[piece] - pieceOffset);
            move(k);
            done += k;
        }
        return done;
    }

    private void move(long n) {
        pieceOffset += n;
        position += n;
        remaining -= n;
        if (pieceOffset == lens[piece]) {
            piece++;
            pieceOffset = 0;
        }
    }
}
