package org.jvmm.storage.disk.impl.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;

/**
 * Writes small qcow2 v3 images with 4 KiB clusters for the tests: header in cluster 0, L1 in
 * cluster 1, one L2 table in cluster 2, data from cluster 3 on. Guest cluster 0 is data, 1 is
 * unallocated, 2 has the zero flag, 3 is deflate-compressed.
 */
final class Qcow2Builder {
    static final int CLUSTER_BITS = 12;
    static final int CLUSTER = 1 << CLUSTER_BITS;

    private final ByteBuffer image = ByteBuffer.allocate(16 * CLUSTER);
    private int version = 3;
    private int cryptMethod;
    private long incompatible;
    private String backing;

    Qcow2Builder version(int v) {
        version = v;
        return this;
    }

    Qcow2Builder encrypted() {
        cryptMethod = 2;
        return this;
    }

    Qcow2Builder incompatible(long bits) {
        incompatible = bits;
        return this;
    }

    Qcow2Builder backing(String name) {
        backing = name;
        return this;
    }

    Path write(Path file, byte[] cluster0, byte[] cluster3) throws IOException {
        header(8 * CLUSTER);
        image.putLong(CLUSTER, (1L << 63) | 2L * CLUSTER);
        long l2 = 2L * CLUSTER;
        image.putLong((int) l2, (1L << 63) | 3L * CLUSTER);
        image.put(3 * CLUSTER, cluster0);
        image.putLong((int) l2 + 16, version == 3 ? 1 : 0);
        byte[] packed = deflate(cluster3);
        long at = 5L * CLUSTER + 100;
        image.put((int) at, packed);
        int x = 62 - (CLUSTER_BITS - 8);
        long extraSectors = (at % 512 + packed.length - 1) / 512;
        image.putLong((int) l2 + 24, (1L << 62) | (extraSectors << x) | at);
        Files.write(file, image.array());
        return file;
    }

    private void header(long size) {
        image.putInt(0, Qcow2Header.MAGIC);
        image.putInt(4, version);
        image.putInt(20, CLUSTER_BITS);
        image.putLong(24, size);
        image.putInt(32, cryptMethod);
        image.putInt(36, 1);
        image.putLong(40, CLUSTER);
        if (version == 3) {
            image.putLong(72, incompatible);
            image.putInt(96, 4);
            image.putInt(100, 104);
        }
        if (backing != null) {
            byte[] name = backing.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            image.put(1024, name);
            image.putLong(8, 1024);
            image.putInt(16, name.length);
        }
    }

    private static byte[] deflate(byte[] data) {
        Deflater d = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        d.setInput(data);
        d.finish();
        byte[] out = new byte[data.length + 64];
        int n = d.deflate(out);
        d.end();
        return java.util.Arrays.copyOf(out, n);
    }
}
