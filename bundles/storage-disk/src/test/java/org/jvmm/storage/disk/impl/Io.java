package org.jvmm.storage.disk.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;

/** Test helpers: patterned data, blocking calls on futures, reads and writes as byte arrays. */
public final class Io {
    private Io() {
    }

    public static DiskResult await(CompletableFuture<DiskResult> f) {
        try {
            return f.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("request did not complete normally: " + e, e);
        }
    }

    /** {@code length} bytes that depend on {@code seed} and the position. */
    public static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (i * 31 + seed * 7 + (i >> 9));
        }
        return b;
    }

    /** {@code data} split into segments of the given sizes (the rest in a last one). */
    public static List<MemorySegment> split(byte[] data, int... sizes) {
        List<MemorySegment> out = new ArrayList<>();
        MemorySegment all = MemorySegment.ofArray(data);
        long at = 0;
        for (int s : sizes) {
            out.add(all.asSlice(at, s));
            at += s;
        }
        if (at < data.length) {
            out.add(all.asSlice(at));
        }
        return out;
    }

    public static void writeOk(Disk d, long sector, byte[] data) {
        assertEquals(DiskResult.ok(), await(d.write(sector, List.of(MemorySegment.ofArray(data)), false)));
    }

    public static byte[] readOk(Disk d, long sector, int bytes) {
        byte[] out = new byte[bytes];
        Arrays.fill(out, (byte) 0x5a);
        assertEquals(DiskResult.ok(), await(d.read(sector, List.of(MemorySegment.ofArray(out)))));
        return out;
    }

    public static DiskStatus readStatus(Disk d, long sector, int bytes) {
        return await(d.read(sector, List.of(MemorySegment.ofArray(new byte[bytes])))).status();
    }

    public static DiskStatus writeStatus(Disk d, long sector, int bytes) {
        return await(d.write(sector, List.of(MemorySegment.ofArray(new byte[bytes])), false)).status();
    }

    /** Reads from a layer: the data and the presence bits. */
    public record LayerRead(byte[] data, BitSet present) {
    }

    public static LayerRead readLayer(DiskLayer l, long sector, int bytes) {
        byte[] out = new byte[bytes];
        BitSet present = new BitSet();
        assertEquals(DiskResult.ok(), await(l.read(sector, List.of(MemorySegment.ofArray(out)), present)));
        return new LayerRead(out, present);
    }
}
