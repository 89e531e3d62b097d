package org.jvmm.storage.disk.impl.crypt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.CryptDiskHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_handle:crypt}: reads the key file, then resolves the inner disk. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_handle", "vmm.resource.id=crypt"})
public final class CryptDiskResolver implements ResourceResolver<CryptDiskHandle, Disk> {
    @Override
    public Class<CryptDiskHandle> handleType() {
        return CryptDiskHandle.class;
    }

    @Override
    public Class<Disk> outputType() {
        return Disk.class;
    }

    @Override
    public Disk resolve(CryptDiskHandle handle, ResolveContext ctx) throws ResolveException {
        XtsAes256 xts;
        byte[] key = null;
        try {
            key = readKey(Path.of(handle.keyFile()));
            xts = new XtsAes256(key);
        } catch (IOException | IllegalArgumentException e) {
            throw ResolveException.failed("disk_handle", "crypt", ctx.path(), e);
        } finally {
            if (key != null) {
                Arrays.fill(key, (byte) 0);
            }
        }
        Disk inner = ctx.child("disk").resolve(handle.disk(), Disk.class);
        if (inner.sectorSize() % 16 != 0) {
            inner.close();
            throw ResolveException.failed("disk_handle", "crypt", ctx.path(),
                    "sector size " + inner.sectorSize() + " is not a multiple of the AES block");
        }
        return new CryptDisk(inner, xts);
    }

    static byte[] readKey(Path file) throws IOException {
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new IOException("cannot read key file " + file + ": " + e.getMessage(), e);
        }
        if (size != XtsAes256.KEY_BYTES) {
            throw new IOException("key file " + file + " must hold exactly 64 bytes (data key, tweak key), has " + size);
        }
        byte[] key = Files.readAllBytes(file);
        if (key.length != XtsAes256.KEY_BYTES) {
            Arrays.fill(key, (byte) 0);
            throw new IOException("key file " + file + " changed while being read");
        }
        return key;
    }
}
