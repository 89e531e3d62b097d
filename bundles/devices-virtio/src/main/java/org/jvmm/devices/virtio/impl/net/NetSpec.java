package org.jvmm.devices.virtio.impl.net;

/** virtio-net constants (virtio 1.x section 5.1). */
final class NetSpec {
    static final int F_MAC = 5;
    static final int F_MRG_RXBUF = 15;
    static final int F_STATUS = 16;

    static final int RECEIVEQ = 0;
    static final int TRANSMITQ = 1;

    /** {@code struct virtio_net_hdr} with {@code num_buffers}: always 12 bytes under VIRTIO_F_VERSION_1. */
    static final int HEADER = 12;
    static final int HDR_FLAGS = 0;
    static final int HDR_GSO_TYPE = 1;
    static final int HDR_NUM_BUFFERS = 10;
    static final int HDR_F_NEEDS_CSUM = 1;
    static final int GSO_NONE = 0;

    /** Config space: {@code mac[6]}, {@code status} u16, {@code max_virtqueue_pairs} u16. */
    static final int CONFIG_SIZE = 10;
    static final int CONFIG_STATUS = 6;
    static final int CONFIG_MAX_PAIRS = 8;
    static final int S_LINK_UP = 1;

    private NetSpec() {
    }
}
