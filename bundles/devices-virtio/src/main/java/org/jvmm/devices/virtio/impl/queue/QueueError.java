package org.jvmm.devices.virtio.impl.queue;

/** A guest violation of the queue protocol found while reading the rings; never leaves this package. */
final class QueueError extends Exception {
    private static final long serialVersionUID = 1L;

    QueueError(String message) {
        super(message, null, false, false);
    }
}
