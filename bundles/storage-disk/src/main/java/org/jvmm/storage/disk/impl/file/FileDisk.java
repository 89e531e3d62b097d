package org.jvmm.storage.disk.impl.file;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.DiskExecutor;
import org.jvmm.storage.disk.impl.Requests;

/** A raw image file as a disk. */
public final class FileDisk implements Disk {
    private final Path path;
    private final FileChannel channel;
    private final FileIo io;
    private final boolean readOnly;
    private final int sectorSize;
    private final long sectorCount;
    private final AtomicLong reads = new AtomicLong();
    private final AtomicLong writes = new AtomicLong();
    private final AtomicLong flushes = new AtomicLong();
    private volatile boolean closed;

    FileDisk(Path path, FileChannel channel, FileIo io, boolean readOnly, int sectorSize) throws IOException {
        this.path = path;
        this.channel = channel;
        this.io = io;
        this.readOnly = readOnly;
        this.sectorSize = sectorSize;
        this.sectorCount = channel.size() / sectorSize;
    }

    @Override
    public int sectorSize() {
        return sectorSize;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean readOnly() {
        return readOnly;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        reads.incrementAndGet();
        return Requests.async(DiskExecutor.get(), () -> {
            io.read(channel, sector * sectorSize, buffers);
            return DiskResult.ok();
        });
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        DiskResult bad = check(sector, buffers);
        if (bad != null) {
            return Requests.done(bad);
        }
        if (readOnly) {
            return Requests.done(DiskStatus.READ_ONLY, "file " + path + " is read-only");
        }
        writes.incrementAndGet();
        return Requests.async(DiskExecutor.get(), () -> {
            io.write(channel, sector * sectorSize, buffers);
            if (fua) {
                channel.force(false);
            }
            return DiskResult.ok();
        });
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "disk closed");
        }
        flushes.incrementAndGet();
        return Requests.async(DiskExecutor.get(), () -> {
            channel.force(false);
            return DiskResult.ok();
        });
    }

    private DiskResult check(long sector, List<MemorySegment> buffers) {
        if (closed) {
            return DiskResult.of(DiskStatus.IO_ERROR, "disk closed");
        }
        return Requests.checkRange(sector, buffers, sectorSize, sectorCount);
    }

    @Override
    public void close() {
        closed = true;
        try {
            channel.close();
        } catch (IOException e) {
            System.getLogger(FileDisk.class.getName()).log(System.Logger.Level.WARNING,
                    "closing " + path + " failed: " + e.getMessage());
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "file").field("path", path.toString()).field("direct", io.direct())
                .field("sector_size", sectorSize).field("sector_count", sectorCount)
                .field("read_only", readOnly).field("closed", closed)
                .field("reads", reads.get()).field("writes", writes.get()).field("flushes", flushes.get());
    }
}
