package org.jvmm.storage.nvme.driver;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import org.jvmm.guestmem.GuestMemory;

/**
 * Builds PRPs for a list of data pages the way a host driver does: PRP1 may start inside its
 * page; with more than two pages PRP2 points at a PRP list (optionally starting at
 * {@code listOffset} inside its page), chained through the last entry of each full list page.
 */
public final class PrpBuilder {
    private final GuestMemory memory;
    private final TestRam.Allocator alloc;
    private final int page;

    public PrpBuilder(GuestMemory memory, TestRam.Allocator alloc, int page) {
        this.memory = memory;
        this.alloc = alloc;
        this.page = page;
    }

    /**
     * PRPs for {@code first} (any dword-aligned address) followed by the page-aligned
     * {@code pages}; {@code listOffset} places the first list inside its page.
     */
    public Cmd.Prp build(long first, List<Long> pages, int listOffset) {
        if (pages.isEmpty()) {
            return new Cmd.Prp(first, 0);
        }
        if (pages.size() == 1) {
            return new Cmd.Prp(first, pages.get(0));
        }
        long list = alloc.alloc(page, page) + listOffset;
        long head = list;
        int i = 0;
        while (i < pages.size()) {
            int slots = (int) ((page - (list & page - 1)) / 8);
            int left = pages.size() - i;
            int data = left <= slots ? left : slots - 1;
            ByteBuffer b = ByteBuffer.allocate(slots * 8).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < data; k++) {
                b.putLong(k * 8, pages.get(i++));
            }
            if (i < pages.size()) {
                long next = alloc.alloc(page, page);
                b.putLong(data * 8, next);
                memory.write(list, b.array(), 0, slots * 8);
                list = next;
            } else {
                memory.write(list, b.array(), 0, data * 8);
            }
        }
        return new Cmd.Prp(first, head);
    }
}
