package org.jvmm.storage.disk.impl.delay;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.impl.Requests;

/** Another disk with latency added before each request. */
public final class DelayDisk implements Disk {
    private final Disk inner;
    private final long delayMillis;
    private final Executor delayed;

    public DelayDisk(Disk inner, long delayMillis) {
        this.inner = inner;
        this.delayMillis = delayMillis;
        this.delayed = CompletableFuture.delayedExecutor(delayMillis, TimeUnit.MILLISECONDS);
    }

    @Override
    public int sectorSize() {
        return inner.sectorSize();
    }

    @Override
    public long sectorCount() {
        return inner.sectorCount();
    }

    @Override
    public boolean readOnly() {
        return inner.readOnly();
    }

    @Override
    public Optional<byte[]> diskId() {
        return inner.diskId();
    }

    @Override
    public boolean supportsUnmap() {
        return inner.supportsUnmap();
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        return later(() -> inner.read(sector, buffers));
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return later(() -> inner.write(sector, buffers, fua));
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return later(inner::flush);
    }

    @Override
    public CompletableFuture<DiskResult> unmap(long sector, long count) {
        return later(() -> inner.unmap(sector, count));
    }

    private CompletableFuture<DiskResult> later(Supplier<CompletableFuture<DiskResult>> request) {
        if (delayMillis == 0) {
            return Requests.call(request);
        }
        return Requests.guard(CompletableFuture.supplyAsync(() -> null, delayed)
                .thenCompose(ignored -> Requests.call(request)));
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "delay").field("delay_ms", delayMillis);
        node.child("disk", inner);
    }
}
