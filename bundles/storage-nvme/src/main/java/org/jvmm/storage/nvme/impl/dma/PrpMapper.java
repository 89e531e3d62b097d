package org.jvmm.storage.nvme.impl.dma;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import org.jvmm.storage.nvme.impl.spec.Status;

/**
 * Walks the physical region pages of a command: PRP1 (any dword-aligned offset) covers up to the
 * end of its page; the rest is PRP2 as a page when it fits in one, else PRP2 points at a PRP list
 * (qword aligned, may start inside a page) whose last entry on each list page points at the next
 * list page when more entries are needed. Data entries and chained list pointers must be page
 * aligned. Pages adjacent in guest and host memory merge into one slice.
 */
public final class PrpMapper {
    private final Dma dma;

    public PrpMapper(Dma dma) {
        this.dma = dma;
    }

    /**
     * The outcome: {@link Status#SUCCESS} with the slices (and the guest address of each), or the
     * status to complete with.
     */
    public record Mapped(int status, List<MemorySegment> segments, List<Long> addresses) {
        static Mapped fail(int status) {
            return new Mapped(status, List.of(), List.of());
        }

        /** Tells guest memory the device wrote the slices (a software CPU forgets code decoded there). */
        public void reportWritten(Dma dma) {
            for (int i = 0; i < segments.size(); i++) {
                dma.written(addresses.get(i), segments.get(i).byteSize());
            }
        }
    }

    /**
     * Maps {@code length} bytes (1..the maximum transfer, checked by the caller) with memory page
     * size {@code pageSize}.
     */
    public Mapped map(long prp1, long prp2, long length, int pageSize) {
        long mask = pageSize - 1;
        if ((prp1 & 3) != 0) {
            return Mapped.fail(Status.PRP_OFFSET_INVALID);
        }
        Segments out = new Segments(dma);
        long first = Math.min(length, pageSize - (prp1 & mask));
        if (!out.add(prp1, first)) {
            return Mapped.fail(Status.DATA_TRANSFER_ERROR);
        }
        long rest = length - first;
        if (rest == 0) {
            return out.done();
        }
        if (rest <= pageSize) {
            if ((prp2 & mask) != 0) {
                return Mapped.fail(Status.PRP_OFFSET_INVALID);
            }
            return out.add(prp2, rest) ? out.done() : Mapped.fail(Status.DATA_TRANSFER_ERROR);
        }
        if ((prp2 & 7) != 0) {
            return Mapped.fail(Status.PRP_OFFSET_INVALID);
        }
        int status = walkList(prp2, rest, pageSize, out);
        return status == Status.SUCCESS ? out.done() : Mapped.fail(status);
    }

    private int walkList(long list, long rest, int pageSize, Segments out) {
        long mask = pageSize - 1;
        while (rest > 0) {
            int slots = (int) ((pageSize - (list & mask)) / 8);
            long pages = (rest + mask) / pageSize;
            boolean chain = pages > slots;
            int entries = chain ? slots : (int) pages;
            byte[] raw = new byte[entries * 8];
            if (!dma.read(list, raw, 0, raw.length)) {
                return Status.DATA_TRANSFER_ERROR;
            }
            ByteBuffer e = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            int data = chain ? entries - 1 : entries;
            for (int i = 0; i < data; i++) {
                long page = e.getLong(i * 8);
                if ((page & mask) != 0) {
                    return Status.PRP_OFFSET_INVALID;
                }
                long n = Math.min(rest, pageSize);
                if (!out.add(page, n)) {
                    return Status.DATA_TRANSFER_ERROR;
                }
                rest -= n;
            }
            if (chain) {
                list = e.getLong(data * 8);
                if ((list & mask) != 0) {
                    return Status.PRP_OFFSET_INVALID;
                }
            }
        }
        return Status.SUCCESS;
    }

    /** Collects RAM slices, merging a range that continues the previous one in guest and host memory. */
    private static final class Segments {
        private final Dma dma;
        private final List<MemorySegment> list = new ArrayList<>();
        private final List<Long> addresses = new ArrayList<>();
        private long gpa = -1;
        private long offset;
        private long length;

        Segments(Dma dma) {
            this.dma = dma;
        }

        boolean add(long at, long len) {
            long off = dma.offsetOf(at, len);
            if (off < 0) {
                return false;
            }
            if (length > 0 && at == gpa + length && off == offset + length) {
                length += len;
                return true;
            }
            flush();
            gpa = at;
            offset = off;
            length = len;
            return true;
        }

        Mapped done() {
            flush();
            return new Mapped(Status.SUCCESS, List.copyOf(list), List.copyOf(addresses));
        }

        private void flush() {
            if (length > 0) {
                list.add(dma.segmentSlice(offset, length));
                addresses.add(gpa);
                length = 0;
            }
        }
    }
}
