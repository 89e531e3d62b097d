package org.jvmm.storage.nvme.impl.core;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/** Read-only zeros for WRITE ZEROES: one shared 1 MiB block, repeated as often as a request needs. */
final class ZeroBuffers {
    private ZeroBuffers() {
    }

    private static final long CHUNK = 1 << 20;
    private static final MemorySegment ZEROS = Arena.global().allocate(CHUNK).asReadOnly();

    /** Segments totalling {@code length} bytes of zeros. */
    static List<MemorySegment> of(long length) {
        List<MemorySegment> out = new ArrayList<>((int) (length / CHUNK) + 1);
        for (long left = length; left > 0; left -= CHUNK) {
            out.add(left >= CHUNK ? ZEROS : ZEROS.asSlice(0, left));
        }
        return out;
    }
}
