package org.jvmm.loader.linux.impl.elf;

import org.jvmm.loader.linux.impl.ImageException;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.loader.linux.impl.BootAddresses;

/**
 * Copies the PT_LOAD segments of an ELF image to their physical addresses ({@code p_paddr}) and
 * zeroes the rest of each segment (bss). Every segment must lie in RAM at or above 1 MiB (below
 * is the loader's own area).
 */
public final class SegmentLoader {
    private SegmentLoader() {
    }

    /**
     * Checks every segment first, then loads them all.
     *
     * @return the extent {@code [low, high)} of the loaded segments
     * @throws ImageException naming the first segment that does not fit
     */
    public static Extent load(ElfImage elf, GuestMemory memory) throws ImageException {
        long low = Long.MAX_VALUE;
        long high = 0;
        for (ProgramHeader ph : elf.loads()) {
            check(ph, memory);
            low = Math.min(low, ph.paddr());
            high = Math.max(high, ph.paddr() + ph.memSize());
        }
        if (high == 0) {
            throw new ImageException("no loadable segment");
        }
        for (ProgramHeader ph : elf.loads()) {
            memory.write(ph.paddr(), elf.data(), (int) ph.offset(), (int) ph.fileSize());
            memory.fill(ph.paddr() + ph.fileSize(), ph.memSize() - ph.fileSize(), (byte) 0);
        }
        return new Extent(low, high);
    }

    private static void check(ProgramHeader ph, GuestMemory memory) throws ImageException {
        String where = "segment at 0x%x (0x%x bytes)".formatted(ph.paddr(), ph.memSize());
        if (ph.paddr() < BootAddresses.HIGH_MEMORY) {
            throw new ImageException(where + " lies below 1 MiB, where the loader keeps its tables");
        }
        if (memory.layout().offsetOf(ph.paddr(), ph.memSize()) < 0) {
            throw new ImageException(where + " is not in guest RAM (RAM: " + ram(memory)
                    + "); give the VM more memory");
        }
        if (ph.fileSize() > Integer.MAX_VALUE) {
            throw new ImageException(where + " is too large");
        }
    }

    private static String ram(GuestMemory memory) {
        return memory.layout().ranges().stream().map(r -> "0x%x-0x%x".formatted(r.gpa(), r.end()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /** Guest-physical {@code [low, high)}. */
    public record Extent(long low, long high) {
    }
}
