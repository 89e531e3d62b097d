package org.jvmm.storage.disk.impl.qcow2;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.DiskLayer;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.DiskExecutor;
import org.jvmm.storage.disk.impl.Requests;
import org.jvmm.storage.disk.impl.ScatterGather;

/** A qcow2 image as a read-only layer of 512-byte sectors. */
public final class Qcow2Layer implements DiskLayer {
    private static final int SECTOR = 512;

    private final String path;
    private final Qcow2Image image;
    private final long sectorCount;
    private volatile boolean closed;

    Qcow2Layer(String path, Qcow2Image image) {
        this.path = path;
        this.image = image;
        this.sectorCount = (image.header().size() + SECTOR - 1) / SECTOR;
    }

    @Override
    public String layerType() {
        return "qcow2";
    }

    @Override
    public int sectorSize() {
        return SECTOR;
    }

    @Override
    public long sectorCount() {
        return sectorCount;
    }

    @Override
    public boolean readOnly() {
        return true;
    }

    @Override
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers, BitSet present) {
        if (closed) {
            return Requests.done(DiskStatus.IO_ERROR, "layer closed");
        }
        DiskResult bad = Requests.checkRange(sector, buffers, SECTOR, sectorCount);
        if (bad != null) {
            return Requests.done(bad);
        }
        long total = ScatterGather.totalBytes(buffers);
        return Requests.async(DiskExecutor.get(), () -> {
            readClusters(sector * SECTOR, total, buffers, present);
            return DiskResult.ok();
        });
    }

    private void readClusters(long start, long total, List<MemorySegment> buffers, BitSet present) throws IOException {
        int bits = image.header().clusterBits();
        int clusterSize = 1 << bits;
        long done = 0;
        while (done < total) {
            long off = start + done;
            int inCluster = (int) (off & (clusterSize - 1));
            int n = (int) Math.min(clusterSize - inCluster, total - done);
            if (image.read(off >>> bits, inCluster, buffers, done, n)) {
                present.set((int) (done / SECTOR), (int) ((done + n) / SECTOR));
            }
            done += n;
        }
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        return Requests.done(DiskStatus.READ_ONLY, "qcow2 layer " + path + " is read-only");
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return closed ? Requests.done(DiskStatus.IO_ERROR, "layer closed") : Requests.ok();
    }

    @Override
    public void close() {
        closed = true;
        try {
            image.close();
        } catch (IOException e) {
            System.getLogger(Qcow2Layer.class.getName()).log(System.Logger.Level.WARNING,
                    "closing " + path + " failed: " + e.getMessage());
        }
    }

    @Override
    public void inspect(InspectNode node) {
        Qcow2Header h = image.header();
        node.field("type", "qcow2").field("path", path).field("version", h.version())
                .field("cluster_size", h.clusterSize()).field("virtual_size", h.size())
                .field("backing_file", h.backingFile().orElse("")).field("closed", closed);
    }
}
