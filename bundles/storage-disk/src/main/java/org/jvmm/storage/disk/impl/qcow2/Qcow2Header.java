package org.jvmm.storage.disk.impl.qcow2;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The parts of a qcow2 header this reader uses, checked.
 *
 * @param version       2 or 3
 * @param clusterBits   log2 of the cluster size, 9..21
 * @param size          the virtual disk size in bytes
 * @param l1Size        entries in the L1 table
 * @param l1Offset      where the L1 table starts
 * @param backingFile   the backing file name, if any
 */
record Qcow2Header(int version, int clusterBits, long size, int l1Size, long l1Offset, Optional<String> backingFile) {
    static final int MAGIC = 0x514649fb;
    private static final long DIRTY = 1;
    private static final long CORRUPT = 1 << 1;
    private static final long EXTERNAL_DATA = 1 << 2;
    private static final long COMPRESSION_TYPE = 1 << 3;
    private static final long EXTENDED_L2 = 1 << 4;
    private static final long MAX_L1_ENTRIES = 1 << 25;

    int clusterSize() {
        return 1 << clusterBits;
    }

    /** Entries per L2 table. */
    int l2Entries() {
        return 1 << (clusterBits - 3);
    }

    static Qcow2Header read(FileChannel ch, String name) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(112);
        ch.read(b, 0);
        b.flip();
        if (b.remaining() < 72 || b.getInt(0) != MAGIC) {
            throw new IOException(name + " is not a qcow2 image (no QFI\\xfb magic)");
        }
        int version = b.getInt(4);
        if (version != 2 && version != 3) {
            throw new IOException(name + ": qcow2 version " + version + " is not supported (only 2 and 3)");
        }
        int clusterBits = b.getInt(20);
        if (clusterBits < 9 || clusterBits > 21) {
            throw new IOException(name + ": cluster_bits " + clusterBits + " is outside 9..21");
        }
        long size = b.getLong(24);
        int cryptMethod = b.getInt(32);
        if (cryptMethod != 0) {
            throw new IOException(name + ": encrypted qcow2 images are not supported (crypt_method "
                    + (cryptMethod == 1 ? "aes" : cryptMethod == 2 ? "luks" : Integer.toString(cryptMethod)) + ")");
        }
        if (version == 3) {
            checkV3Features(b, name);
        }
        long l1Size = Integer.toUnsignedLong(b.getInt(36));
        long l1Offset = b.getLong(40);
        long needed = neededL1(size, clusterBits);
        if (size < 0 || l1Size < needed || l1Size > MAX_L1_ENTRIES || (l1Offset & ((1L << clusterBits) - 1)) != 0) {
            throw new IOException(name + ": inconsistent header (size " + size + ", l1_size " + l1Size
                    + ", l1_table_offset " + l1Offset + ")");
        }
        Optional<String> backing = backingFile(ch, b.getLong(8), b.getInt(16), name);
        return new Qcow2Header(version, clusterBits, size, (int) l1Size, l1Offset, backing);
    }

    private static void checkV3Features(ByteBuffer b, String name) throws IOException {
        if (b.remaining() < 104) {
            throw new IOException(name + ": truncated qcow2 v3 header");
        }
        long incompatible = b.getLong(72);
        int headerLength = b.getInt(100);
        if ((incompatible & CORRUPT) != 0) {
            throw new IOException(name + ": the image is marked corrupt; repair it with qemu-img check -r all");
        }
        if ((incompatible & EXTERNAL_DATA) != 0) {
            throw new IOException(name + ": qcow2 images with an external data file are not supported");
        }
        if ((incompatible & EXTENDED_L2) != 0) {
            throw new IOException(name + ": qcow2 extended L2 entries (subclusters) are not supported");
        }
        if ((incompatible & COMPRESSION_TYPE) != 0) {
            int type = headerLength > 104 && b.remaining() > 104 ? b.get(104) & 0xff : 0;
            if (type != 0) {
                throw new IOException(name + ": qcow2 compression type " + (type == 1 ? "zstd" : type)
                        + " is not supported (only zlib/deflate)");
            }
        }
        long unknown = incompatible & ~(DIRTY | CORRUPT | EXTERNAL_DATA | COMPRESSION_TYPE | EXTENDED_L2);
        if (unknown != 0) {
            throw new IOException(name + ": unknown qcow2 incompatible features 0x" + Long.toHexString(unknown));
        }
    }

    private static long neededL1(long size, int clusterBits) {
        long bytesPerL1 = 1L << (clusterBits + clusterBits - 3);
        return (size + bytesPerL1 - 1) / bytesPerL1;
    }

    private static Optional<String> backingFile(FileChannel ch, long offset, int length, String name) throws IOException {
        if (offset == 0) {
            return Optional.empty();
        }
        if (length <= 0 || length > 1023) {
            throw new IOException(name + ": bad backing file name length " + length);
        }
        ByteBuffer nb = ByteBuffer.allocate(length);
        ch.read(nb, offset);
        return Optional.of(new String(nb.array(), 0, nb.position(), StandardCharsets.UTF_8));
    }
}
