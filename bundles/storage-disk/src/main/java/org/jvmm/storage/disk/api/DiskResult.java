package org.jvmm.storage.disk.api;

import java.util.Objects;

/**
 * The outcome of a disk request.
 *
 * @param status how it ended
 * @param detail what went wrong (for logs and inspect), empty when {@link DiskStatus#OK}
 */
public record DiskResult(DiskStatus status, String detail) {
    private static final DiskResult OK = new DiskResult(DiskStatus.OK, "");

    public DiskResult {
        Objects.requireNonNull(status, "status");
        detail = detail == null ? "" : detail;
    }

    public static DiskResult ok() {
        return OK;
    }

    public static DiskResult of(DiskStatus status, String detail) {
        return new DiskResult(status, detail);
    }

    public boolean isOk() {
        return status == DiskStatus.OK;
    }
}
