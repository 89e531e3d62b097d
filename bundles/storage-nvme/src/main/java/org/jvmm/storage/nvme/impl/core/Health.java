package org.jvmm.storage.nvme.impl.core;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jvmm.inspect.InspectNode;

/**
 * The SMART / Health Information log (controller-wide) and its counters. The temperature is a
 * constant 50 °C, below every threshold; nothing ever raises a critical warning. Guarded by the
 * controller lock.
 */
final class Health {
    static final int SIZE = 512;
    static final int TEMPERATURE_KELVIN = 323;
    /** A data unit is 1000 512-byte units. */
    private static final long DATA_UNIT = 512_000;

    private final long started = System.nanoTime();
    private long bytesRead;
    private long bytesWritten;
    private long reads;
    private long writes;
    private long mediaErrors;

    void read(long bytes) {
        reads++;
        bytesRead += bytes;
    }

    void write(long bytes) {
        writes++;
        bytesWritten += bytes;
    }

    void mediaError() {
        mediaErrors++;
    }

    byte[] page(long errorLogEntries) {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(1, (short) TEMPERATURE_KELVIN).put(3, (byte) 100).put(4, (byte) 10);
        b.putLong(32, units(bytesRead)).putLong(48, units(bytesWritten)).putLong(64, reads).putLong(80, writes);
        b.putLong(112, 1).putLong(128, (System.nanoTime() - started) / 3_600_000_000_000L)
                .putLong(160, mediaErrors).putLong(176, errorLogEntries);
        return b.array();
    }

    private static long units(long bytes) {
        return (bytes + DATA_UNIT - 1) / DATA_UNIT;
    }

    /** Snapshot: the counters (not the power-on time, which starts again). */
    void save(DataOutputStream out) throws IOException {
        for (long v : new long[] {bytesRead, bytesWritten, reads, writes, mediaErrors}) {
            out.writeLong(v);
        }
    }

    void load(DataInputStream in) throws IOException {
        bytesRead = in.readLong();
        bytesWritten = in.readLong();
        reads = in.readLong();
        writes = in.readLong();
        mediaErrors = in.readLong();
    }

    void inspect(InspectNode n) {
        n.field("reads", reads).field("writes", writes).field("bytesRead", bytesRead)
                .field("bytesWritten", bytesWritten).field("mediaErrors", mediaErrors);
    }
}
