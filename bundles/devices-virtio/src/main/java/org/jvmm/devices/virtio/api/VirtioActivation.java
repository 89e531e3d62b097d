package org.jvmm.devices.virtio.api;

import java.util.List;
import java.util.Objects;
import org.jvmm.guestmem.GuestMemory;

/**
 * What a device gets when the driver sets DRIVER_OK.
 *
 * @param features the negotiated feature bits (device and transport bits the driver accepted)
 * @param queues   one entry per queue index, {@link VirtQueue#enabled() disabled} where the driver did
 *                 not enable the queue
 * @param memory   guest RAM (the queues' chains already give checked access to their buffers)
 * @param events   how the device reports config changes and fatal errors to the driver
 */
public record VirtioActivation(long features, List<VirtQueue> queues, GuestMemory memory, VirtioDeviceEvents events) {
    public VirtioActivation {
        queues = List.copyOf(queues);
        Objects.requireNonNull(memory, "memory");
        Objects.requireNonNull(events, "events");
    }

    /** Whether feature bit {@code bit} (0..63) was negotiated. */
    public boolean has(int bit) {
        return (features & 1L << bit) != 0;
    }

    /** Queue {@code index}. */
    public VirtQueue queue(int index) {
        return queues.get(index);
    }
}
