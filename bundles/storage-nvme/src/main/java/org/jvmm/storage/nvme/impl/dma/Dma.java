package org.jvmm.storage.nvme.impl.dma;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.jvmm.guestmem.GuestMemory;

/**
 * The controller's only path to guest memory. Every address comes from the guest, so every call
 * checks that the whole range is RAM first and reports failure instead of throwing.
 */
public final class Dma {
    private final GuestMemory memory;

    public Dma(GuestMemory memory) {
        this.memory = memory;
    }

    /** Whether {@code [gpa, gpa + len)} lies in one RAM range. */
    public boolean isRam(long gpa, long len) {
        return len >= 0 && memory.layout().offsetOf(gpa, len) >= 0;
    }

    /** The segment offset of {@code [gpa, gpa + len)}, or -1 if it is not RAM. */
    long offsetOf(long gpa, long len) {
        return memory.layout().offsetOf(gpa, len);
    }

    /** A view of RAM at segment offset {@code offset}. */
    MemorySegment segmentSlice(long offset, long len) {
        return memory.segment().asSlice(offset, len);
    }

    /** Reports that the device wrote {@code [gpa, gpa + len)} through a slice. */
    public void written(long gpa, long len) {
        memory.written(gpa, len);
    }

    public boolean read(long gpa, byte[] dst, int off, int len) {
        return memory.tryRead(gpa, dst, off, len);
    }

    public boolean write(long gpa, byte[] src, int off, int len) {
        return memory.tryWrite(gpa, src, off, len);
    }

    /** Writes one aligned dword with a single store (a completion entry's phase dword). */
    public boolean write32(long gpa, int value) {
        if ((gpa & 3) != 0 || !isRam(gpa, 4)) {
            return false;
        }
        memory.write32(gpa, value);
        return true;
    }

    /** Copies {@code data} into {@code segments} in order, as far as both go. */
    public static void copyOut(byte[] data, List<MemorySegment> segments) {
        long done = 0;
        for (MemorySegment s : segments) {
            long n = Math.min(s.byteSize(), data.length - done);
            if (n <= 0) {
                return;
            }
            MemorySegment.copy(MemorySegment.ofArray(data), done, s, 0, n);
            done += n;
        }
    }

    /** Copies {@code segments} in order into {@code data}, as far as both go. */
    public static void copyIn(List<MemorySegment> segments, byte[] data) {
        long done = 0;
        for (MemorySegment s : segments) {
            long n = Math.min(s.byteSize(), data.length - done);
            if (n <= 0) {
                return;
            }
            MemorySegment.copy(s, 0, MemorySegment.ofArray(data), done, n);
            done += n;
        }
    }
}
