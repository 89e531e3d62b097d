package org.jvmm.devices.virtio.impl.transport;

/** How a transport interrupts the driver. Thread-safe, non-blocking; called from any thread. */
public interface TransportInterrupts {
    /** A used buffer notification for {@code queue}. */
    void queueInterrupt(int queue);

    /** A configuration change notification (config space changed, or DEVICE_NEEDS_RESET). */
    void configInterrupt();

    /** Device reset: withdraw every pending interrupt. */
    void clear();
}
