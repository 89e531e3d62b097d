package org.jvmm.guestmem;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Told when guest RAM is written by something other than the guest's processors: device DMA and
 * loaders. A software CPU uses it to forget code it decoded from those bytes, as a hardware CPU's
 * caches snoop DMA. Called on the writer's thread, after the bytes are in RAM; must be cheap and
 * must not throw.
 */
@ConsumerType
@FunctionalInterface
public interface WriteObserver {
    /** Bytes {@code [offset, offset + length)} of {@link GuestMemory#segment()} were written. */
    void written(long offset, long length);

    /** Observes nothing. */
    WriteObserver NONE = (offset, length) -> { };
}
