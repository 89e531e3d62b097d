package org.jvmm.devices.virtio.impl.vsock;

import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.HEADER;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.HOST_CID;
import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.TYPE_STREAM;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A vsock packet header. Ports and the u32 counters are held in ints (compare them unsigned); type and
 * op are 0..65535.
 */
record VsockHeader(long srcCid, long dstCid, int srcPort, int dstPort, int len, int type, int op, int flags,
        int bufAlloc, int fwdCnt) {

    /** Parses {@value VsockSpec#HEADER} little-endian bytes. */
    static VsockHeader decode(byte[] b) {
        ByteBuffer h = ByteBuffer.wrap(b, 0, HEADER).order(ByteOrder.LITTLE_ENDIAN);
        return new VsockHeader(h.getLong(0), h.getLong(8), h.getInt(16), h.getInt(20), h.getInt(24),
                h.getShort(28) & 0xFFFF, h.getShort(30) & 0xFFFF, h.getInt(32), h.getInt(36), h.getInt(40));
    }

    /** A stream packet from the host ({@code hostPort}) to the guest ({@code guestPort}). */
    static VsockHeader toGuest(long guestCid, int hostPort, int guestPort, int op, int flags, int len, int bufAlloc,
            int fwdCnt) {
        return new VsockHeader(HOST_CID, guestCid, hostPort, guestPort, len, TYPE_STREAM, op, flags, bufAlloc, fwdCnt);
    }

    /** The reply RST to this packet from the guest: ports swapped, no credit, the packet's type. */
    VsockHeader resetReply() {
        return new VsockHeader(dstCid, srcCid, dstPort, srcPort, 0, type, VsockSpec.OP_RST, 0, 0, 0);
    }

    /** The {@value VsockSpec#HEADER} little-endian bytes. */
    byte[] encode() {
        ByteBuffer h = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        h.putLong(srcCid).putLong(dstCid).putInt(srcPort).putInt(dstPort).putInt(len).putShort((short) type)
                .putShort((short) op).putInt(flags).putInt(bufAlloc).putInt(fwdCnt);
        return h.array();
    }

    /** The payload length as the unsigned value it is. */
    long length() {
        return Integer.toUnsignedLong(len);
    }
}
