package org.jvmm.devices.virtio.api;

import java.lang.foreign.MemorySegment;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One available buffer: a validated descriptor chain whose device-readable bytes come first, then its
 * device-writable bytes. Every byte lies in guest RAM. Not thread-safe; a chain is handled by one
 * request at a time.
 */
@ProviderType
public interface DescriptorChain {
    /** The head descriptor index (the id put in the used ring). */
    int head();

    /** Total device-readable bytes. */
    long readableLength();

    /** Total device-writable bytes. */
    long writableLength();

    /** Number of descriptors in the chain, indirect ones included. */
    int descriptorCount();

    /** A cursor over the readable bytes, from the start. */
    ChainReader reader();

    /** A cursor over the writable bytes, from the start. */
    ChainWriter writer();

    /**
     * Guest-memory views of readable bytes {@code [offset, offset + length)} for DMA (a disk read into
     * or written from them); empty list for {@code length == 0}.
     *
     * @throws IndexOutOfBoundsException if the range is not inside the readable bytes (a device bug)
     */
    List<MemorySegment> readableSlices(long offset, long length);

    /** Like {@link #readableSlices} for writable bytes. */
    List<MemorySegment> writableSlices(long offset, long length);
}
