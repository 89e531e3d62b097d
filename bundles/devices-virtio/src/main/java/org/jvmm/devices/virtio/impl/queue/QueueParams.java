package org.jvmm.devices.virtio.impl.queue;

import java.util.Optional;
import org.jvmm.guestmem.GuestMemory;

/**
 * The guest's configuration of one split queue.
 *
 * @param size  number of descriptors
 * @param desc  guest-physical address of the descriptor table
 * @param avail the driver area (available ring)
 * @param used  the device area (used ring)
 */
public record QueueParams(int size, long desc, long avail, long used) {
    /** The largest split-queue size. */
    public static final int MAX_SIZE = 32768;

    public static long descBytes(int size) {
        return 16L * size;
    }

    /** flags, idx, ring[size], used_event. */
    public static long availBytes(int size) {
        return 6L + 2L * size;
    }

    /** flags, idx, ring[size] of {id, len}, avail_event. */
    public static long usedBytes(int size) {
        return 6L + 8L * size;
    }

    /** What is wrong with these parameters for a queue of at most {@code maxSize}, if anything. */
    public Optional<String> problem(int maxSize, GuestMemory memory) {
        if (size < 1 || size > maxSize || (size & (size - 1)) != 0) {
            return Optional.of("queue size " + size + " is not a power of two in 1.." + maxSize);
        }
        if ((desc & 15) != 0 || (avail & 1) != 0 || (used & 3) != 0) {
            return Optional.of("ring addresses not aligned (descriptors 16, driver area 2, device area 4)");
        }
        if (!inRam(memory, desc, descBytes(size)) || !inRam(memory, avail, availBytes(size))
                || !inRam(memory, used, usedBytes(size))) {
            return Optional.of("ring not in guest RAM");
        }
        return Optional.empty();
    }

    private static boolean inRam(GuestMemory memory, long gpa, long len) {
        return memory.layout().offsetOf(gpa, len) >= 0;
    }

    @Override
    public String toString() {
        return "size=%d desc=0x%x avail=0x%x used=0x%x".formatted(size, desc, avail, used);
    }
}
