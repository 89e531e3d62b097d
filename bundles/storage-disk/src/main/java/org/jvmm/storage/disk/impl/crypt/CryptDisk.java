package org.jvmm.storage.disk.impl.crypt;

import java.lang.foreign.MemorySegment;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.api.DiskResult;
import org.jvmm.storage.disk.api.DiskStatus;
import org.jvmm.storage.disk.impl.Requests;
import org.jvmm.storage.disk.impl.ScatterGather;

/**
 * An XTS-AES-256 view of another disk. Data goes through a bounce buffer both ways, so the
 * caller's buffers never hold ciphertext and the inner disk never sees plaintext.
 */
public final class CryptDisk implements Disk {
    private final Disk inner;
    private final XtsAes256 xts;

    public CryptDisk(Disk inner, XtsAes256 xts) {
        this.inner = inner;
        this.xts = xts;
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
    public CompletableFuture<DiskResult> read(long sector, List<MemorySegment> buffers) {
        DiskResult bad = Requests.checkRange(sector, buffers, sectorSize(), sectorCount());
        if (bad != null) {
            return Requests.done(bad);
        }
        byte[] bounce = new byte[(int) ScatterGather.totalBytes(buffers)];
        return Requests.call(() -> inner.read(sector, List.of(MemorySegment.ofArray(bounce))).thenApply(r -> {
            if (!r.isOk()) {
                return r;
            }
            try {
                xts.decrypt(bounce, sectorSize(), sector);
            } catch (GeneralSecurityException e) {
                return DiskResult.of(DiskStatus.IO_ERROR, "decryption failed: " + e.getMessage());
            }
            return Requests.run(() -> {
                ScatterGather.scatter(MemorySegment.ofArray(bounce), 0, buffers, 0, bounce.length);
                return DiskResult.ok();
            });
        }));
    }

    @Override
    public CompletableFuture<DiskResult> write(long sector, List<MemorySegment> buffers, boolean fua) {
        DiskResult bad = Requests.checkRange(sector, buffers, sectorSize(), sectorCount());
        if (bad != null) {
            return Requests.done(bad);
        }
        if (readOnly()) {
            return Requests.done(DiskStatus.READ_ONLY, "encrypted disk is read-only");
        }
        byte[] bounce = new byte[(int) ScatterGather.totalBytes(buffers)];
        DiskResult copied = Requests.run(() -> {
            ScatterGather.gather(buffers, 0, MemorySegment.ofArray(bounce), 0, bounce.length);
            return DiskResult.ok();
        });
        if (!copied.isOk()) {
            return Requests.done(copied);
        }
        try {
            xts.encrypt(bounce, sectorSize(), sector);
        } catch (GeneralSecurityException e) {
            return Requests.done(DiskStatus.IO_ERROR, "encryption failed: " + e.getMessage());
        }
        return Requests.call(() -> inner.write(sector, List.of(MemorySegment.ofArray(bounce)), fua));
    }

    @Override
    public CompletableFuture<DiskResult> flush() {
        return Requests.call(inner::flush);
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("type", "crypt").field("cipher", "xts-aes-256");
        node.child("disk", inner);
    }
}
