package org.jvmm.devices.virtio.api;

import java.util.Optional;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A virtqueue as a device uses it: take available descriptor chains, complete them into the used ring.
 * The transport checks every guest-supplied index, length and address: a malformed chain (loop, index
 * out of range, longer than the queue, buffer outside guest RAM, bad indirect table) is never returned;
 * it puts the device in DEVICE_NEEDS_RESET and the queue returns nothing more. Interrupts and
 * notification suppression (VIRTIO_F_EVENT_IDX or the ring flags) are handled here. Thread-safe.
 */
@ProviderType
public interface VirtQueue {
    /** The queue index. */
    int index();

    /** The queue size the driver chose (0 when disabled). */
    int size();

    /** Whether the driver enabled this queue. */
    boolean enabled();

    /** Whether the queue still delivers chains: enabled, not reset, not failed. */
    boolean isOpen();

    /** The next available chain, or empty when there is none (or the queue is closed or failed). */
    Optional<DescriptorChain> next();

    /**
     * Returns {@code chain} (taken from this queue) to the driver, telling it {@code written} bytes were
     * written to its writable buffers (clamped to {@link DescriptorChain#writableLength()}), and
     * interrupts the driver unless it suppressed that.
     *
     * @return false when the queue was closed since (the device was reset) and nothing was published
     */
    boolean complete(DescriptorChain chain, long written);
}
