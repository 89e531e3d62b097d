package org.jvmm.devices.virtio.impl.transport;

/** The three guest-memory areas of a queue. */
public enum QueueArea {
    /** The descriptor table. */
    DESC,
    /** The driver area (available ring). */
    DRIVER,
    /** The device area (used ring). */
    DEVICE
}
