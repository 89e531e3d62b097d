package org.jvmm.storage.disk.impl.layered;

import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;

/** A layer with a bug: it throws, or its futures complete exceptionally. */
final class BrokenLayer implements DiskLayer {
    private final boolean exceptionally;

    BrokenLayer(boolean exceptionally) {
        this.exceptionally = exceptionally;
    }

    private CompletableFuture<DiskResult> fail() {
        if (exceptionally) {
            return CompletableFuture.failedFuture(new IllegalStateException("layer bug"));
        }
        throw new NullPointerException("layer bug");
    }

    @Override
    public String layerType() {
        return "broken";
    }

    @Override
    public int sectorSize() {
        return 512;
    }

    @Override
    public long sectorCount() {
        return 8;
    }

    @Override
    public boolean readOnly() {
        return false;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present) {
        return fail();
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return fail();
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return fail();
    }

    @Override
    public void close() {
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "broken");
    }
}
