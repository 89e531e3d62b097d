package org.jvmm.devices.virtio.impl.configspace;

/** Reads of a device's config space laid out as little-endian bytes. */
public final class ConfigBytes {
    private ConfigBytes() {
    }

    /**
     * {@code size} bytes of {@code config} at {@code offset}, little-endian. The transport has checked the
     * bounds against the device's config size; bytes outside the array read as 0.
     */
    public static long read(byte[] config, int offset, int size) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            int at = offset + i;
            v = v << 8 | (at >= 0 && at < config.length ? config[at] & 0xFF : 0);
        }
        return v;
    }
}
