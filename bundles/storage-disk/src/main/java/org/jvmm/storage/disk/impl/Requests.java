package org.jvmm.storage.disk.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;

/** Request checks and the mapping of failures to results: nothing here throws toward a device. */
public final class Requests {
    /** The largest request accepted: 1 GiB (frontends split bigger transfers long before that). */
    public static final long MAX_REQUEST_BYTES = 1L << 30;
    private static final CompletableFuture<DiskResult> OK = CompletableFuture.completedFuture(DiskResult.ok());

    private Requests() {
    }

    /** A blocking piece of a request. */
    @FunctionalInterface
    public interface IoTask {
        DiskResult run() throws IOException;
    }

    public static CompletableFuture<DiskResult> ok() {
        return OK;
    }

    public static CompletableFuture<DiskResult> done(DiskResult result) {
        return CompletableFuture.completedFuture(result);
    }

    public static CompletableFuture<DiskResult> done(DiskStatus status, String detail) {
        return done(DiskResult.of(status, detail));
    }

    /**
     * Checks a request of {@code buffers} at {@code sector}: whole sectors, inside the disk.
     *
     * @return null when it is fine, else the failing result
     */
    public static DiskResult checkRange(long sector, List<MemorySegment> buffers, int sectorSize, long sectorCount) {
        long bytes;
        try {
            bytes = ScatterGather.totalBytes(buffers);
        } catch (GuestBufferException e) {
            return DiskResult.of(DiskStatus.MEMORY_ERROR, e.getMessage());
        }
        if (bytes > MAX_REQUEST_BYTES) {
            return DiskResult.of(DiskStatus.OUT_OF_RANGE, "request of " + bytes + " bytes is larger than 1 GiB");
        }
        if (bytes % sectorSize != 0) {
            return DiskResult.of(DiskStatus.OUT_OF_RANGE,
                    "length " + bytes + " is not a multiple of the sector size " + sectorSize);
        }
        return checkSectors(sector, bytes / sectorSize, sectorCount);
    }

    /** Checks {@code count} sectors at {@code sector} against a disk of {@code sectorCount} sectors. */
    public static DiskResult checkSectors(long sector, long count, long sectorCount) {
        if (sector < 0 || count < 0 || sector > sectorCount || count > sectorCount - sector) {
            return DiskResult.of(DiskStatus.OUT_OF_RANGE, "sectors " + sector + "+" + count
                    + " outside the disk of " + sectorCount + " sectors");
        }
        return null;
    }

    /** Runs {@code task} on {@code executor}; any failure becomes a result. */
    public static CompletableFuture<DiskResult> async(Executor executor, IoTask task) {
        try {
            return CompletableFuture.supplyAsync(() -> run(task), executor);
        } catch (RejectedExecutionException e) {
            return done(DiskStatus.IO_ERROR, "disk executor is shut down");
        }
    }

    /** Runs {@code task} here; any failure becomes a result. */
    public static DiskResult run(IoTask task) {
        try {
            return task.run();
        } catch (IOException | RuntimeException e) {
            return failure(e);
        }
    }

    /** Starts a request; a synchronous failure, or a failure of the future, becomes a result. */
    public static CompletableFuture<DiskResult> call(java.util.function.Supplier<CompletableFuture<DiskResult>> request) {
        try {
            return guard(request.get());
        } catch (RuntimeException e) {
            return done(failure(e));
        }
    }

    /** A future that completes normally whatever {@code f} does. */
    public static CompletableFuture<DiskResult> guard(CompletableFuture<DiskResult> f) {
        return f.exceptionally(Requests::failure);
    }

    /** The result for a failure: buffer faults are MEMORY_ERROR, everything else IO_ERROR. */
    public static DiskResult failure(Throwable t) {
        Throwable c = unwrap(t);
        String msg = c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage().replace('\n', ' ');
        return switch (c) {
            case IOException e -> DiskResult.of(DiskStatus.IO_ERROR, msg);
            case GuestBufferException e -> DiskResult.of(DiskStatus.MEMORY_ERROR, msg);
            default -> DiskResult.of(DiskStatus.IO_ERROR, "internal error: " + c.getClass().getSimpleName() + ": " + msg);
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException || c instanceof UncheckedIOException)
                && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
