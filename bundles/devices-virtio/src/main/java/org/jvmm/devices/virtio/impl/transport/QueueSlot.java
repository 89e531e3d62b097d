package org.jvmm.devices.virtio.impl.transport;

import org.jvmm.devices.virtio.impl.queue.QueueParams;

/** The driver's configuration registers of one queue, before activation. Guarded by the transport core. */
final class QueueSlot {
    final int maxSize;
    int size;
    boolean ready;
    long desc;
    long avail;
    long used;

    QueueSlot(int maxSize) {
        this.maxSize = maxSize;
        this.size = maxSize;
    }

    void reset() {
        size = maxSize;
        ready = false;
        desc = 0;
        avail = 0;
        used = 0;
    }

    QueueParams params() {
        return new QueueParams(size, desc, avail, used);
    }
}
