package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Iterator;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.nvme.impl.spec.Limits;

/**
 * Asynchronous event requests and the events waiting for one. An event is reported in the oldest
 * outstanding request's Dword 0 ({@code type | info << 8 | log page << 16}); after that, events of
 * the same type stay queued until the host reads the associated log page without Retain
 * Asynchronous Event. A pending event is kept once. Guarded by the controller lock.
 */
final class AsyncEvents {
    static final int TYPE_ERROR = 0;
    static final int TYPE_SMART = 1;
    static final int TYPE_NOTICE = 2;
    static final int ERROR_INVALID_DOORBELL_REGISTER = 0;
    static final int ERROR_INVALID_DOORBELL_VALUE = 1;
    static final int NOTICE_NAMESPACE_CHANGED = 0;
    static final int LOG_ERROR = 0x01;
    static final int LOG_SMART = 0x02;
    static final int LOG_CHANGED_NAMESPACES = 0x04;

    private final ArrayDeque<Integer> requests = new ArrayDeque<>();
    private final ArrayDeque<Integer> events = new ArrayDeque<>();
    private int maskedTypes;
    private long reported;

    /** Takes a request; false when {@code AERL + 1} are already outstanding. */
    boolean submit(int cid) {
        if (requests.size() > Limits.AERL) {
            return false;
        }
        requests.add(cid);
        return true;
    }

    void raise(int type, int info, int logPage) {
        Integer dw0 = type | info << 8 | logPage << 16;
        if (!events.contains(dw0)) {
            events.add(dw0);
        }
    }

    /**
     * The next request to complete and its Dword 0 as {@code cid << 32 | dw0}, or -1 when no
     * request is outstanding or no unmasked event is waiting. Masks the event's type.
     */
    long next() {
        if (requests.isEmpty()) {
            return -1;
        }
        for (Iterator<Integer> it = events.iterator(); it.hasNext(); ) {
            int dw0 = it.next();
            int type = dw0 & 7;
            if ((maskedTypes & 1 << type) == 0) {
                it.remove();
                maskedTypes |= 1 << type;
                reported++;
                return (long) requests.poll() << 32 | dw0 & 0xFFFF_FFFFL;
            }
        }
        return -1;
    }

    /**
     * The host read {@code logPage}; without {@code retain} that unmasks its event type. Reading
     * the changed namespace list also consumes the namespace notices still pending: the list just
     * read holds their changes.
     */
    void logRead(int logPage, boolean retain) {
        if (retain) {
            return;
        }
        if (logPage == LOG_CHANGED_NAMESPACES) {
            events.removeIf(dw0 -> (dw0 >>> 16 & 0xFF) == LOG_CHANGED_NAMESPACES);
        }
        switch (logPage) {
            case LOG_ERROR -> maskedTypes &= ~(1 << TYPE_ERROR);
            case LOG_SMART -> maskedTypes &= ~(1 << TYPE_SMART);
            case LOG_CHANGED_NAMESPACES -> maskedTypes &= ~(1 << TYPE_NOTICE);
            default -> {
                // other logs are not tied to an event type
            }
        }
    }

    /** Controller reset: outstanding requests are dropped, pending events forgotten. */
    void reset() {
        requests.clear();
        events.clear();
        maskedTypes = 0;
    }

    /** Snapshot: the outstanding requests' command ids, the events waiting, the masked types. */
    void save(DataOutputStream out) throws IOException {
        out.writeByte(requests.size());
        for (int cid : requests) {
            out.writeShort(cid);
        }
        out.writeShort(events.size());
        for (int dw0 : events) {
            out.writeInt(dw0);
        }
        out.writeByte(maskedTypes);
        out.writeLong(reported);
    }

    void load(DataInputStream in) throws IOException {
        reset();
        int n = in.readUnsignedByte();
        if (n > Limits.AERL + 1) {
            throw new IOException("async events: " + n + " requests outstanding, at most " + (Limits.AERL + 1));
        }
        for (int i = 0; i < n; i++) {
            requests.add(in.readUnsignedShort());
        }
        int e = in.readUnsignedShort();
        for (int i = 0; i < e; i++) {
            events.add(in.readInt());
        }
        maskedTypes = in.readUnsignedByte();
        reported = in.readLong();
    }

    void inspect(InspectNode n) {
        n.field("outstanding", requests.size()).field("pending", events.size()).hex("maskedTypes", maskedTypes)
                .field("reported", reported);
    }
}
