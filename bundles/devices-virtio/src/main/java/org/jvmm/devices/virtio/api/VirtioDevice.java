package org.jvmm.devices.virtio.api;

import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A virtio device, independent of its transport: what a {@code virtio} handle resolves to.
 *
 * <p>Threading: the transport calls {@link #readConfig}, {@link #writeConfig}, {@link #activate},
 * {@link #queueNotify} and {@link #reset} one at a time (on the VP thread that made the guest access);
 * devices may also use their queues from their own threads (I/O completions, host input).
 * {@code queueNotify} runs on the VP thread that wrote the notify register, so it must not block for
 * long: start I/O and complete it later. A device never throws toward the guest; a runtime exception
 * escaping any of these methods is treated by the transport as a device failure (status
 * DEVICE_NEEDS_RESET), not passed on.
 */
@ConsumerType
public interface VirtioDevice extends Inspectable, AutoCloseable {
    /** The virtio device id ({@link VirtioDeviceIds}). */
    int deviceId();

    /** A short name such as {@code virtio-blk}, for inspect and chipset device names. */
    String name();

    /**
     * Device-specific feature bits (0..23 and 50..63). The transport adds the ring and version bits it
     * implements ({@link VirtioFeatures#TRANSPORT_OFFERED}); other bits set here are not offered.
     */
    long deviceFeatures();

    /** Number of virtqueues, 1..64. */
    int queueCount();

    /** The largest size of queue {@code queue}: a power of two, 1..32768. */
    int maxQueueSize(int queue);

    /** Size in bytes of the device configuration space, 0..3840. */
    int configSize();

    /**
     * Reads {@code size} (1, 2, 4 or 8) bytes of config space at {@code offset}, little-endian. The
     * transport has checked that {@code offset + size <= configSize()}.
     */
    long readConfig(int offset, int size);

    /** Writes config space; bounds checked as for {@link #readConfig}. Read-only fields ignore writes. */
    void writeConfig(int offset, int size, long value);

    /** The driver set DRIVER_OK: start using the queues of {@code activation}. */
    void activate(VirtioActivation activation);

    /** The driver notified queue {@code queue} (only after {@link #activate}). */
    void queueNotify(int queue);

    /**
     * Device reset (the driver wrote status 0, or the VM resets): stop using the queues of the last
     * activation, which the transport has already closed (completing on them does nothing), wait a
     * bounded time for in-flight host I/O, and return to the state before activation. Also called when
     * the device was never activated.
     */
    void reset();

    /** Releases host resources (backends, files) when the VM is torn down. */
    @Override
    void close();
}
