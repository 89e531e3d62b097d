package org.jvmm.storage.disk.impl.sqlite;

/**
 * The {@code meta} row of a layer file.
 *
 * @param logicallyReadOnly the layer only holds cached data
 * @param sectorCount       sectors
 * @param sectorSize        bytes per sector
 */
record SqliteMeta(boolean logicallyReadOnly, long sectorCount, int sectorSize) {
    String toJson() {
        return "{\"logically_read_only\":" + logicallyReadOnly + ",\"sector_count\":" + sectorCount
                + ",\"sector_size\":" + sectorSize + "}";
    }
}
