package org.jvmm.devices.virtio.impl.vsock;

/** virtio-vsock constants (virtio 1.x section 5.10). */
final class VsockSpec {
    /** The host's context id. */
    static final long HOST_CID = 2;
    /** VIRTIO_VSOCK_F_STREAM: stream sockets (implied when no feature is negotiated). */
    static final int F_STREAM = 0;

    static final int RXQ = 0;
    static final int TXQ = 1;
    static final int EVENTQ = 2;

    static final int TYPE_STREAM = 1;

    static final int OP_REQUEST = 1;
    static final int OP_RESPONSE = 2;
    static final int OP_RST = 3;
    static final int OP_SHUTDOWN = 4;
    static final int OP_RW = 5;
    static final int OP_CREDIT_UPDATE = 6;
    static final int OP_CREDIT_REQUEST = 7;

    /** SHUTDOWN flag: the sender will receive no more data. */
    static final int SHUTDOWN_RCV = 1;
    /** SHUTDOWN flag: the sender will send no more data. */
    static final int SHUTDOWN_SEND = 2;

    /** The packet header: src_cid, dst_cid (u64), src_port, dst_port, len (u32), type, op (u16), flags, buf_alloc, fwd_cnt (u32). */
    static final int HEADER = 44;
    /** The largest payload of one packet either way (Linux's VIRTIO_VSOCK_MAX_PKT_BUF_SIZE). */
    static final int MAX_PAYLOAD = 64 * 1024;

    private VsockSpec() {
    }
}
