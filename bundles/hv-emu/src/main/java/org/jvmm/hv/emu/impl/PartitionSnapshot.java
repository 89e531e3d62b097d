package org.jvmm.hv.emu.impl;

import java.nio.ByteBuffer;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.SavedBackendState;

/**
 * A partition's snapshot format. Version 2: whether time is deterministic, the guest time (the
 * instruction clock's nanoseconds, or the host-following clock's TSC) and the APIC bus's
 * lowest-priority round-robin position. Version 1 (still read) held only the deterministic
 * nanoseconds, or -1 under host time.
 *
 * @param time guest time as above; -1 for a version 1 host-time state, which did not save it
 */
record PartitionSnapshot(boolean deterministic, long time, int lowestPriorityCursor) {
    static final int VERSION = 2;
    private static final int V1 = 1;
    private static final int V1_BYTES = Long.BYTES, V2_BYTES = 1 + Long.BYTES + Integer.BYTES;

    static byte[] save(boolean deterministic, long time, int lowestPriorityCursor) {
        return ByteBuffer.allocate(V2_BYTES).put((byte) (deterministic ? 1 : 0)).putLong(time)
                .putInt(lowestPriorityCursor).array();
    }

    static PartitionSnapshot read(SavedBackendState state) throws HypervisorException {
        int version = state.version();
        byte[] data = state.data();
        if (!state.backend().equals(EmuHypervisor.NAME) || version != VERSION && version != V1) {
            throw new HypervisorException("partition: saved state " + state.backend() + " version " + version
                    + " is not readable (hv-emu reads " + EmuHypervisor.NAME + " versions " + V1 + " and " + VERSION + ")");
        }
        if (data.length != (version == V1 ? V1_BYTES : V2_BYTES)) {
            throw new HypervisorException("partition: saved state " + EmuHypervisor.NAME + " version " + version
                    + " has " + data.length + " bytes, not " + (version == V1 ? V1_BYTES : V2_BYTES));
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        if (version == V1) {
            long nanos = b.getLong();
            return new PartitionSnapshot(nanos >= 0, nanos, 0);
        }
        byte mode = b.get();
        long time = b.getLong();
        if (mode != 0 && mode != 1 || time < 0) {
            throw new HypervisorException("partition: saved state " + EmuHypervisor.NAME + " version " + version
                    + " is malformed (time mode " + mode + ", time " + time + ")");
        }
        return new PartitionSnapshot(mode == 1, time, b.getInt());
    }
}
