package org.jvmm.storage.nvme.impl.core;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;

/**
 * A namespace: a disk whose sectors are its logical blocks, and the identifiers reported for it
 * (derived from the subsystem id and the namespace id, so they are stable and unique). Its I/O
 * count is guarded by the controller lock.
 */
final class Namespace {
    final int nsid;
    final Disk disk;
    final boolean readOnly;
    final int lbaShift;
    final long blocks;
    final byte[] nguid;
    final byte[] eui64;
    final byte[] uuid;
    private int inFlight;
    private boolean detached;

    Namespace(int nsid, Disk disk, boolean readOnly, UUID subsystem) {
        this.nsid = nsid;
        this.disk = disk;
        this.readOnly = readOnly || disk.readOnly();
        this.lbaShift = Integer.numberOfTrailingZeros(disk.sectorSize());
        this.blocks = disk.sectorCount();
        this.nguid = id(subsystem, "nguid");
        this.uuid = id(subsystem, "uuid");
        byte[] e = id(subsystem, "eui64");
        this.eui64 = java.util.Arrays.copyOf(e, 8);
    }

    int sectorSize() {
        return 1 << lbaShift;
    }

    /** Whether blocks {@code [slba, slba + count)} exist ({@code slba} is unsigned). */
    boolean inRange(long slba, long count) {
        return slba >= 0 && count <= blocks && slba <= blocks - count;
    }

    void begin() {
        inFlight++;
    }

    /** One I/O finished; true when the namespace is detached and idle, so its disk must be closed. */
    boolean end() {
        inFlight--;
        return detached && inFlight == 0;
    }

    /** Detaches it; true when nothing is in flight, so its disk can be closed now. */
    boolean detach() {
        detached = true;
        return inFlight == 0;
    }

    void inspect(InspectNode n) {
        n.field("blocks", blocks).field("blockSize", sectorSize()).field("readOnly", readOnly)
                .field("inFlight", inFlight);
        n.child("disk", disk);
    }

    private byte[] id(UUID subsystem, String what) {
        UUID u = UUID.nameUUIDFromBytes((subsystem + "/" + nsid + "/" + what).getBytes(StandardCharsets.UTF_8));
        return ByteBuffer.allocate(16).putLong(u.getMostSignificantBits()).putLong(u.getLeastSignificantBits())
                .array();
    }
}
