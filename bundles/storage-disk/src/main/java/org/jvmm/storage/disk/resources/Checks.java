package org.jvmm.storage.disk.resources;

import java.util.Objects;

/** Argument checks for the handle records; messages name {@code kind:id} and the field. */
final class Checks {
    static final String DISK = "disk_handle:";
    static final String LAYER = "disk_layer_handle:";

    private Checks() {
    }

    static String path(String key, String field, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(key + ": " + field + " must not be empty");
        }
        return value;
    }

    static <T> T required(String key, String field, T value) {
        return Objects.requireNonNull(value, () -> key + ": " + field + " is required");
    }

    /** 0 (the default) or a power of two from 512 to 65536. */
    static int sectorSize(String key, int sectorSize) {
        if (sectorSize != 0 && (sectorSize < 512 || sectorSize > 65536 || Integer.bitCount(sectorSize) != 1)) {
            throw new IllegalArgumentException(key + ": sectorSize must be a power of two from 512 to 65536, got "
                    + sectorSize);
        }
        return sectorSize;
    }

    /** A positive size that is a whole number of sectors of {@code sectorSize} (512 if 0). */
    static void size(String key, String field, long size, int sectorSize) {
        int ss = sectorSize == 0 ? 512 : sectorSize;
        if (size <= 0 || size % ss != 0) {
            throw new IllegalArgumentException(key + ": " + field + " must be a positive multiple of " + ss
                    + " bytes, got " + size);
        }
    }
}
