package org.jvmm.devices.virtio.impl.vsock;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;

/** A bounded FIFO of bytes; its array is allocated on first use. Not thread-safe. */
final class ByteRing {
    private final int capacity;
    private byte[] data;
    private int head;
    private int size;

    ByteRing(int capacity) {
        this.capacity = capacity;
    }

    int size() {
        return size;
    }

    int free() {
        return capacity - size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Appends all of {@code src}; the caller has checked that it fits. */
    void put(MemorySegment src) {
        if (src.byteSize() > free()) {
            throw new IllegalStateException("ring overflow: " + src.byteSize() + " > " + free());
        }
        ensure();
        long done = 0;
        while (done < src.byteSize()) {
            int tail = (head + size) % capacity;
            int n = (int) Math.min(src.byteSize() - done, capacity - tail);
            MemorySegment.copy(src, ValueLayout.JAVA_BYTE, done, data, tail, n);
            size += n;
            done += n;
        }
    }

    /** Moves up to {@code len} bytes into {@code dst[off..]}; returns how many. */
    int take(byte[] dst, int off, int len) {
        int done = 0;
        while (done < len && size > 0) {
            int n = Math.min(len - done, Math.min(size, capacity - head));
            System.arraycopy(data, head, dst, off + done, n);
            consume(n);
            done += n;
        }
        return done;
    }

    /** Reads from {@code ch} into free space: bytes read, 0 when full or nothing is there, -1 at end of stream. */
    int readFrom(ReadableByteChannel ch) throws IOException {
        if (free() == 0) {
            return 0;
        }
        ensure();
        int tail = (head + size) % capacity;
        int r = ch.read(ByteBuffer.wrap(data, tail, Math.min(free(), capacity - tail)));
        if (r > 0) {
            size += r;
        }
        return r;
    }

    /** Writes as much as {@code ch} takes; returns how many bytes left the ring. */
    int writeTo(WritableByteChannel ch) throws IOException {
        int done = 0;
        while (size > 0) {
            int n = Math.min(size, capacity - head);
            int w = ch.write(ByteBuffer.wrap(data, head, n));
            consume(w);
            done += w;
            if (w < n) {
                break;
            }
        }
        return done;
    }

    void clear() {
        head = 0;
        size = 0;
    }

    private void consume(int n) {
        head = (head + n) % capacity;
        size -= n;
        if (size == 0) {
            head = 0;
        }
    }

    private void ensure() {
        if (data == null) {
            data = new byte[capacity];
        }
    }
}
