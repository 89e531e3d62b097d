package org.jvmm.devices.virtio.impl.net;

import static org.jvmm.devices.virtio.impl.net.NetSpec.*;

import org.jvmm.devices.virtio.impl.configspace.ConfigBytes;
import org.jvmm.net.backend.api.MacAddress;

/** The config space: the MAC, the link status and one queue pair. Read-only for the driver. */
final class NetConfigSpace {
    private final byte[] mac;

    NetConfigSpace(MacAddress mac) {
        this.mac = mac.bytes();
    }

    /** {@code size} bytes at {@code offset}, little-endian; the transport checked the bounds. */
    long read(int offset, int size, boolean linkUp) {
        byte[] bytes = new byte[CONFIG_SIZE];
        System.arraycopy(mac, 0, bytes, 0, 6);
        bytes[CONFIG_STATUS] = (byte) (linkUp ? S_LINK_UP : 0);
        bytes[CONFIG_MAX_PAIRS] = 1;
        return ConfigBytes.read(bytes, offset, size);
    }
}
