package org.jvmm.devices.virtio.api;

import org.osgi.annotation.versioning.ProviderType;

/** Writes a chain's device-writable bytes in order. Never touches memory outside the chain's buffers. */
@ProviderType
public interface ChainWriter {
    /** Bytes left to write. */
    long remaining();

    /** Bytes written or skipped so far. */
    long position();

    /** Copies up to {@code len} bytes from {@code src[off..]}; returns how many (0 when full). */
    int write(byte[] src, int off, int len);

    /** Writes up to {@code n} copies of {@code value}; returns how many. */
    long fill(byte value, long n);

    /** Skips up to {@code n} bytes, leaving them unchanged; returns how many. */
    long skip(long n);
}
