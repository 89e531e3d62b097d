package org.jvmm.net.backend.api;

import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The backend side of one NIC (OpenVMM's {@code Endpoint}), what a {@code net_endpoint_handle} resolves to.
 * An endpoint has at most one {@link NetQueue} at a time: the frontend connects when the guest activates
 * the NIC and closes the queue when the guest resets it. Thread-safe.
 */
@ConsumerType
public interface Endpoint extends Inspectable, AutoCloseable {
    /** A short informational type such as {@code null} or {@code loopback} (the handle's resource id). */
    String endpointType();

    /** Whether the link is up now; changes are reported to a connected queue's listener. */
    boolean linkUp();

    /**
     * Opens the data path.
     *
     * @throws IllegalStateException if a queue is still open (a frontend bug: close it first) or the
     *                               endpoint was closed
     */
    NetQueue connect(NetQueueConfig config);

    /** Closes any open queue and releases host resources (sockets, threads, devices). */
    @Override
    void close();
}
