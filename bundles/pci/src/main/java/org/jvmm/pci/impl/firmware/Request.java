package org.jvmm.pci.impl.firmware;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jvmm.pci.impl.topology.ConfigFunction;

/**
 * Something that needs a place in a window: an endpoint's BAR ({@code register} 0..5) or a
 * bridge's window ({@code register} -1). Packing sorts by alignment, then size, both descending,
 * so a window sized by packing from 0 holds the same layout at any base aligned to its largest
 * alignment.
 */
final class Request {
    private static final Comparator<Request> ORDER = Comparator.comparingLong((Request r) -> r.align).reversed()
            .thenComparing(Comparator.comparingLong((Request r) -> r.size).reversed());

    final Space space;
    final long size;
    final long align;
    final ConfigFunction owner;
    final int register;
    final boolean is64;
    long address = -1;

    Request(Space space, long size, long align, ConfigFunction owner, int register, boolean is64) {
        this.space = space;
        this.size = size;
        this.align = align;
        this.owner = owner;
        this.register = register;
        this.is64 = is64;
    }

    boolean assigned() {
        return address >= 0;
    }

    /** Bytes needed to pack {@code requests} from an aligned base. */
    static long packedLength(List<Request> requests) {
        long cursor = 0;
        for (Request r : sorted(requests)) {
            cursor = alignUp(cursor, r.align) + r.size;
        }
        return cursor;
    }

    /** Places {@code requests} in {@code [base, end)}; those that do not fit stay unassigned. */
    static void place(List<Request> requests, long base, long end) {
        long cursor = base;
        for (Request r : sorted(requests)) {
            long at = alignUp(cursor, r.align);
            if (at >= cursor && at + r.size <= end && at + r.size > at) {
                r.address = at;
                cursor = at + r.size;
            } else {
                r.address = -1;
            }
        }
    }

    static long alignUp(long value, long alignment) {
        return value + alignment - 1 & -alignment;
    }

    private static List<Request> sorted(List<Request> requests) {
        List<Request> copy = new ArrayList<>(requests);
        copy.sort(ORDER);
        return copy;
    }
}
