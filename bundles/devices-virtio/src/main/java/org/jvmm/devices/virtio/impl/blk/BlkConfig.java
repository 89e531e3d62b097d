package org.jvmm.devices.virtio.impl.blk;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jvmm.devices.virtio.impl.configspace.ConfigBytes;

/**
 * The virtio-blk config space (through {@code write_zeroes_may_unmap}, 60 bytes), fixed when the
 * device is created: capacity in 512-byte sectors, seg_max, blk_size, one queue, the discard and
 * write-zeroes limits.
 */
final class BlkConfig {
    static final int SIZE = 60;

    private final ByteBuffer bytes = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);

    BlkConfig(long capacity, int segMax, int blockSize, long maxDiscardSectors, long maxWriteZeroesSectors) {
        bytes.putLong(0, capacity);
        bytes.putInt(12, segMax);
        bytes.putInt(20, blockSize);
        bytes.put(24, (byte) 0);
        bytes.putShort(26, (short) 1);
        bytes.putShort(34, (short) 1);
        bytes.putInt(36, (int) maxDiscardSectors);
        bytes.putInt(40, 1);
        bytes.putInt(44, blockSize / BlkSpec.SECTOR);
        bytes.putInt(48, (int) maxWriteZeroesSectors);
        bytes.putInt(52, 1);
    }

    /** {@code size} bytes at {@code offset}, little-endian; the transport checked the bounds. */
    long read(int offset, int size) {
        return ConfigBytes.read(bytes.array(), offset, size);
    }
}
