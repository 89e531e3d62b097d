package org.jvmm.devices.virtio.impl.queue;

/** What a queue tells its transport. Called with the queue's lock held: implementations must not block. */
public interface QueueEvents {
    /** A used buffer notification for queue {@code queue}. */
    void interrupt(int queue);

    /** The driver broke the queue protocol; the device needs a reset. */
    void failed(int queue, String reason);
}
