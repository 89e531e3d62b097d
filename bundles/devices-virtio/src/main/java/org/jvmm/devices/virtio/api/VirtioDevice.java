package org.jvmm.devices.virtio.api;

import java.util.Optional;
import org.jvmm.chipset.api.StateUnit;
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

    /**
     * The device's own saved state (since 1.1), for snapshots and live device update; empty (the
     * default) when it cannot save, and then a VM with it cannot be saved. The transport saves the
     * negotiation, the queues and their positions; the unit holds what the device adds (counters,
     * a byte waiting for a buffer, a file server's session). The transport calls {@code save} with
     * the VM paused, before saving the queues: the device finishes or gives back every chain it has
     * taken first (waiting a bounded time for host I/O), or refuses. {@code restore} is called on a
     * freshly built, reset device, before the transport activates it again with the restored queues.
     */
    default Optional<StateUnit> state() {
        return Optional.empty();
    }

    /** Releases host resources (backends, files) when the VM is torn down. */
    @Override
    void close();
}
