package org.jvmm.devices.virtio.impl.fuzz;

import java.util.Random;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.guestmem.GuestMemory;

/** One device under fuzz: how to build it and what plausible guest data and host activity look like. */
interface FuzzTarget {
    String name();

    /** A fresh device (deterministic for a given seed). */
    VirtioDevice create(long seed);

    /** Fills a device-readable buffer the fuzzer put at {@code gpa} (entirely in RAM) with request-like bytes. */
    void payload(Random r, GuestMemory mem, long gpa, long len);

    /** Host-side activity (input arriving), if the device has any. */
    default void hostActivity(Random r) {
    }
}
