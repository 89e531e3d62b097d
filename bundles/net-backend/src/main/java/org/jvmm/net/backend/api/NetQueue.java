package org.jvmm.net.backend.api;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One transmit/receive data path of a connected {@link Endpoint} (OpenVMM's {@code Queue}). Thread-safe;
 * none of the methods block for long or throw toward the frontend.
 */
@ConsumerType
public interface NetQueue extends AutoCloseable {
    /**
     * Sends one frame: the bytes of {@code segments} in order (slices of guest memory or heap segments).
     * The segments are read only during the call; the frontend may reuse them as soon as it returns. A
     * frame shorter than {@link EthernetFrames#MIN_LENGTH} or longer than {@link EthernetFrames#MAX_LENGTH}
     * is {@link TxResult#INVALID} and not sent.
     */
    TxResult transmit(List<MemorySegment> segments);

    /**
     * Takes the next received frame (the caller owns the array), or empty when none waits or the queue is
     * closed. A frontend calls this only when the guest has buffers for a frame; frames it does not take
     * wait in the endpoint, which drops (and counts) what exceeds its backlog.
     */
    Optional<byte[]> receive();

    /** Whether the queue is still open (not closed by the frontend or by the endpoint's close). */
    boolean isOpen();

    /** Disconnects: frames still waiting are discarded; transmit then returns {@link TxResult#CLOSED}. */
    @Override
    void close();
}
