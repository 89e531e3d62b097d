package org.jvmm.storage.disk.impl;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A list of memory segments seen as one run of bytes. A buffer that cannot be accessed (closed,
 * another thread's, read-only) surfaces as {@link GuestBufferException}.
 */
public final class ScatterGather {
    private ScatterGather() {
    }

    /** The total length; a null list or element counts as a memory error. */
    public static long totalBytes(List<MemorySegment> buffers) {
        if (buffers == null) {
            throw new GuestBufferException("null buffer list", null);
        }
        long total = 0;
        for (MemorySegment s : buffers) {
            if (s == null) {
                throw new GuestBufferException("null buffer", null);
            }
            total += s.byteSize();
        }
        return total;
    }

    /** The bytes {@code [offset, offset + length)} of the list, as a list of slices. */
    public static List<MemorySegment> slice(List<MemorySegment> buffers, long offset, long length) {
        List<MemorySegment> out = new ArrayList<>();
        long skip = offset;
        long left = length;
        for (MemorySegment s : buffers) {
            if (left == 0) {
                break;
            }
            long size = s.byteSize();
            if (skip >= size) {
                skip -= size;
                continue;
            }
            long n = Math.min(size - skip, left);
            out.add(s.asSlice(skip, n));
            left -= n;
            skip = 0;
        }
        if (left != 0) {
            throw new IndexOutOfBoundsException("slice " + offset + "+" + length + " beyond the buffers");
        }
        return out;
    }

    /** Copies {@code length} bytes from the list at {@code offset} into {@code dst} at {@code dstOffset}. */
    public static void gather(List<MemorySegment> src, long offset, MemorySegment dst, long dstOffset, long length) {
        List<MemorySegment> parts = slice(src, offset, length);
        GuestBufferException.access(() -> {
            long at = dstOffset;
            for (MemorySegment s : parts) {
                MemorySegment.copy(s, 0, dst, at, s.byteSize());
                at += s.byteSize();
            }
        });
    }

    /** Copies {@code length} bytes from {@code src} at {@code srcOffset} into the list at {@code offset}. */
    public static void scatter(MemorySegment src, long srcOffset, List<MemorySegment> dst, long offset, long length) {
        List<MemorySegment> parts = slice(dst, offset, length);
        GuestBufferException.access(() -> {
            long at = srcOffset;
            for (MemorySegment s : parts) {
                MemorySegment.copy(src, at, s, 0, s.byteSize());
                at += s.byteSize();
            }
        });
    }

    /** Zeroes {@code length} bytes of the list from {@code offset}. */
    public static void zero(List<MemorySegment> buffers, long offset, long length) {
        List<MemorySegment> parts = slice(buffers, offset, length);
        GuestBufferException.access(() -> parts.forEach(s -> s.fill((byte) 0)));
    }

    /** The whole list copied into one new heap segment (a bounce buffer). */
    public static MemorySegment copyOf(List<MemorySegment> buffers) {
        long total = totalBytes(buffers);
        MemorySegment copy = MemorySegment.ofArray(new byte[Math.toIntExact(total)]);
        gather(buffers, 0, copy, 0, total);
        return copy;
    }
}
