package org.jvmm.storage.disk.resources;

/**
 * How to format a new SQLite layer.
 *
 * @param logicallyReadOnly the layer only ever holds cached data (ordinary writes are refused)
 * @param size              bytes; null means the size of the layer below
 * @param sectorSize        bytes per sector; 0 means the lower layer's, or 512
 */
public record SqliteFormat(boolean logicallyReadOnly, Long size, int sectorSize) {
    private static final String KEY = Checks.LAYER + "sqlite";

    public SqliteFormat {
        Checks.sectorSize(KEY, sectorSize);
        if (size != null) {
            Checks.size(KEY, "format.size", size, sectorSize);
        }
    }
}
