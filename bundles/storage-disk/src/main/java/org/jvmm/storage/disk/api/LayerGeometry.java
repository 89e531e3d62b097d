package org.jvmm.storage.disk.api;

import java.util.Optional;

/**
 * What a layer learns about the layer below it when it is attached: a layer without a size of
 * its own (a RAM diff, a new SQLite diff) takes the lower layer's.
 *
 * @param sectorSize  bytes per sector
 * @param sectorCount sectors
 * @param diskId      the lower layer's identifier, if any
 */
public record LayerGeometry(int sectorSize, long sectorCount, Optional<byte[]> diskId) {
    public LayerGeometry {
        if (sectorSize <= 0 || Integer.bitCount(sectorSize) != 1) {
            throw new IllegalArgumentException("sector size must be a power of two, got " + sectorSize);
        }
        if (sectorCount < 0) {
            throw new IllegalArgumentException("sector count must not be negative, got " + sectorCount);
        }
        diskId = diskId == null ? Optional.empty() : diskId;
    }

    /** The geometry of {@code layer}. */
    public static LayerGeometry of(DiskLayer layer) {
        return new LayerGeometry(layer.sectorSize(), layer.sectorCount(), layer.diskId());
    }

    /** The size in bytes. */
    public long sizeBytes() {
        return sectorCount * sectorSize;
    }
}
