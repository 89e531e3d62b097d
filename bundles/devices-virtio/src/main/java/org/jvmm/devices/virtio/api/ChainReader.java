package org.jvmm.devices.virtio.api;

import org.osgi.annotation.versioning.ProviderType;

/** Reads a chain's device-readable bytes in order. Never touches memory outside the chain's buffers. */
@ProviderType
public interface ChainReader {
    /** Bytes left to read. */
    long remaining();

    /** Copies up to {@code len} bytes into {@code dst[off..]}; returns how many (0 at the end). */
    int read(byte[] dst, int off, int len);

    /** Reads exactly {@code dst.length} bytes, or returns false (consuming what is left) when fewer remain. */
    default boolean readFully(byte[] dst) {
        if (remaining() < dst.length) {
            skip(remaining());
            return false;
        }
        int done = 0;
        while (done < dst.length) {
            done += read(dst, done, dst.length - done);
        }
        return true;
    }

    /** Skips up to {@code n} bytes; returns how many. */
    long skip(long n);
}
