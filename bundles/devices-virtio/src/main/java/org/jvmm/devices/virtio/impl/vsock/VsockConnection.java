package org.jvmm.devices.virtio.impl.vsock;

import static org.jvmm.devices.virtio.impl.vsock.VsockSpec.*;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.List;
import org.jvmm.devices.virtio.api.ChainWriter;

/**
 * One relayed stream: a guest port, a host port and the host Unix socket, with the credit state of
 * both directions. Guest bytes go to the socket at once, or wait in {@code toHost} (never more than
 * the {@code buf_alloc} the guest was told); host bytes wait in {@code toGuest} until the guest has
 * credit and receive buffers. Confined to the relay thread except {@link #state}, which inspect reads.
 */
final class VsockConnection {
    enum State { CONNECTING_IN, CONNECTING_OUT, ESTABLISHED, CLOSING, CLOSED }

    final int guestPort;
    final int hostPort;
    final boolean hostInitiated;
    final SocketChannel channel;
    final ByteRing toHost;
    final ByteRing toGuest;
    volatile State state;
    SelectionKey key;
    /** Guest credit: its receive buffer and what it has consumed; bytes sent to it. */
    int peerBufAlloc;
    int peerFwdCnt;
    int txCnt;
    /** Our credit: bytes written to the host socket, and the count the guest was last told. */
    int fwdCnt;
    int advertisedFwdCnt;
    boolean requestDue;
    boolean responseDue;
    boolean creditUpdateDue;
    boolean creditRequestSent;
    boolean guestShutSend;
    boolean guestShutRcv;
    boolean hostEof;
    boolean shutdownSent;
    boolean outputShut;
    /** In the relay's ready list. */
    boolean queued;
    long deadline;

    VsockConnection(int guestPort, int hostPort, boolean hostInitiated, SocketChannel channel, State state,
            VsockLimits limits) {
        this.guestPort = guestPort;
        this.hostPort = hostPort;
        this.hostInitiated = hostInitiated;
        this.channel = channel;
        this.state = state;
        this.toHost = new ByteRing(limits.bufAlloc());
        this.toGuest = new ByteRing(limits.toGuestBuffer());
    }

    static long key(int guestPort, int hostPort) {
        return (long) guestPort << 32 | Integer.toUnsignedLong(hostPort);
    }

    long key() {
        return key(guestPort, hostPort);
    }

    /** Bytes the guest can still take: buf_alloc - (sent - forwarded), 0 if the guest's numbers make no sense. */
    long credit() {
        long inFlight = Integer.toUnsignedLong(txCnt - peerFwdCnt);
        return Math.max(0, Integer.toUnsignedLong(peerBufAlloc) - inFlight);
    }

    /** Takes the credit fields every guest packet carries. */
    void peerCredit(VsockHeader h) {
        if (h.bufAlloc() != peerBufAlloc || h.fwdCnt() != peerFwdCnt) {
            creditRequestSent = false;
        }
        peerBufAlloc = h.bufAlloc();
        peerFwdCnt = h.fwdCnt();
    }

    boolean hasOutput() {
        return state != State.CLOSED && (requestDue || responseDue || dataSendable() || creditRequestDue()
                || creditUpdateDue() || shutdownDue());
    }

    /**
     * Writes this connection's next packet into a receive buffer of at least {@value VsockSpec#HEADER}
     * bytes: returns the bytes written, 0 if nothing fits.
     */
    long emit(ChainWriter w, long guestCid, int bufAlloc, byte[] scratch) {
        int op;
        int flags = 0;
        int len = 0;
        if (requestDue) {
            op = OP_REQUEST;
            requestDue = false;
        } else if (responseDue) {
            op = OP_RESPONSE;
            responseDue = false;
        } else if (dataSendable() && w.remaining() > HEADER) {
            op = OP_RW;
            len = (int) Math.min(Math.min(toGuest.size(), credit()), Math.min(w.remaining() - HEADER, MAX_PAYLOAD));
        } else if (creditRequestDue()) {
            op = OP_CREDIT_REQUEST;
            creditRequestSent = true;
        } else if (creditUpdateDue()) {
            op = OP_CREDIT_UPDATE;
        } else if (shutdownDue()) {
            op = OP_SHUTDOWN;
            flags = SHUTDOWN_SEND;
            shutdownSent = true;
        } else {
            return 0;
        }
        byte[] h = VsockHeader.toGuest(guestCid, hostPort, guestPort, op, flags, len, bufAlloc, fwdCnt).encode();
        w.write(h, 0, HEADER);
        for (int done = 0; done < len;) {
            int n = toGuest.take(scratch, 0, Math.min(scratch.length, len - done));
            w.write(scratch, 0, n);
            done += n;
        }
        txCnt += len;
        advertisedFwdCnt = fwdCnt;
        creditUpdateDue = false;
        return HEADER + len;
    }

    /**
     * Sends guest bytes to the socket: directly while nothing waits, the rest into {@code toHost}. The
     * caller has checked they fit in the credit the guest was given. Returns how many went directly.
     */
    int fromGuest(List<MemorySegment> slices) throws IOException {
        int i = 0;
        long skip = 0;
        long written = 0;
        if (toHost.isEmpty()) {
            ByteBuffer[] bufs = new ByteBuffer[slices.size()];
            for (int k = 0; k < bufs.length; k++) {
                bufs[k] = slices.get(k).asByteBuffer();
            }
            written = channel.write(bufs);
            fwdCnt += (int) written;
            skip = written;
            while (i < slices.size() && skip >= slices.get(i).byteSize()) {
                skip -= slices.get(i++).byteSize();
            }
        }
        for (; i < slices.size(); i++) {
            toHost.put(slices.get(i).asSlice(skip));
            skip = 0;
        }
        return (int) written;
    }

    /** Writes waiting guest bytes to the socket; returns how many went. */
    int flushToHost() throws IOException {
        int n = toHost.writeTo(channel);
        fwdCnt += n;
        return n;
    }

    /** Whether enough guest bytes reached the host since the guest last heard our fwd_cnt. */
    boolean creditWorthTelling(int bufAlloc) {
        return Integer.toUnsignedLong(fwdCnt - advertisedFwdCnt) >= bufAlloc / 4;
    }

    /** Selects the socket events the connection waits for now. */
    void updateInterest() {
        if (key == null || !key.isValid()) {
            return;
        }
        int ops = 0;
        switch (state) {
            case CONNECTING_IN -> ops = channel.isConnectionPending() ? SelectionKey.OP_CONNECT : 0;
            case CONNECTING_OUT, ESTABLISHED -> {
                if (!toHost.isEmpty()) {
                    ops |= SelectionKey.OP_WRITE;
                }
                if (!hostEof && !guestShutRcv && toGuest.free() > 0) {
                    ops |= SelectionKey.OP_READ;
                }
            }
            case CLOSING -> ops = toHost.isEmpty() ? 0 : SelectionKey.OP_WRITE;
            case CLOSED -> ops = 0;
        }
        key.interestOps(ops);
    }

    /** Closes the socket; the connection is dead. */
    void close() throws IOException {
        state = State.CLOSED;
        if (key != null) {
            key.cancel();
        }
        channel.close();
    }

    private boolean dataSendable() {
        return state == State.ESTABLISHED && !guestShutRcv && !toGuest.isEmpty() && credit() > 0;
    }

    private boolean creditRequestDue() {
        return state == State.ESTABLISHED && !guestShutRcv && !toGuest.isEmpty() && credit() == 0
                && !creditRequestSent;
    }

    private boolean creditUpdateDue() {
        return creditUpdateDue && state == State.ESTABLISHED;
    }

    private boolean shutdownDue() {
        return state == State.ESTABLISHED && hostEof && toGuest.isEmpty() && !shutdownSent;
    }

    @Override
    public String toString() {
        return "vsock " + Integer.toUnsignedString(guestPort) + "<->" + Integer.toUnsignedString(hostPort) + " " + state;
    }
}
