package org.jvmm.net.backend.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * How an endpoint tells the frontend about its queue; implemented by the frontend. Endpoints call these
 * from any thread (their own I/O threads, or the frontend's thread inside {@link NetQueue#transmit}) and
 * never while holding a lock of their own, so a listener may call back into the queue. Listeners must
 * not block.
 */
@ConsumerType
public interface NetQueueListener {
    /**
     * Frames are waiting. Called at least whenever the waiting frames go from none to some; a frontend
     * takes frames until {@link NetQueue#receive()} is empty or the guest runs out of buffers, and tries
     * again by itself when the guest adds buffers.
     */
    void rxReady();

    /** The link went up or down ({@link Endpoint#linkUp()} now returns {@code up}). */
    void linkChanged(boolean up);
}
