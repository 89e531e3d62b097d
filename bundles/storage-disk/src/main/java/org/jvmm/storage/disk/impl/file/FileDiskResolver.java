package org.jvmm.storage.disk.impl.file;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/** {@code disk_handle:file}: opens (or creates) a raw image file. */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=disk_handle", "vmm.resource.id=file"})
public final class FileDiskResolver implements ResourceResolver<FileDiskHandle, Disk> {
    private static final int DEFAULT_SECTOR_SIZE = 512;

    @Override
    public Class<FileDiskHandle> handleType() {
        return FileDiskHandle.class;
    }

    @Override
    public Class<Disk> outputType() {
        return Disk.class;
    }

    @Override
    public Disk resolve(FileDiskHandle handle, ResolveContext ctx) throws ResolveException {
        try {
            return open(handle);
        } catch (IOException | RuntimeException e) {
            throw ResolveException.failed("disk_handle", "file", ctx.path(), e);
        }
    }

    /** Opens the file the handle names; the message of a failure names the file. */
    public static FileDisk open(FileDiskHandle handle) throws IOException {
        Path path = Path.of(handle.path());
        Set<OpenOption> options = new HashSet<>();
        options.add(StandardOpenOption.READ);
        if (!handle.readOnly()) {
            options.add(StandardOpenOption.WRITE);
        }
        if (handle.createSize() != null) {
            create(path, handle.createSize());
        } else if (!Files.exists(path)) {
            throw new IOException("disk image " + path + " does not exist");
        }
        if (Files.isDirectory(path)) {
            throw new IOException("disk image " + path + " is a directory");
        }
        FileIo io = FileIo.buffered();
        if (handle.direct()) {
            options.add(DirectIo.option());
            io = new FileIo(true, DirectIo.alignment(path));
        }
        int sectorSize = handle.sectorSize() != 0 ? handle.sectorSize() : Math.max(DEFAULT_SECTOR_SIZE, io.alignment());
        if (sectorSize % io.alignment() != 0) {
            throw new IOException("direct I/O on " + path + " needs a sector size that is a multiple of "
                    + io.alignment() + ", got " + sectorSize);
        }
        FileChannel ch = openChannel(path, options);
        try {
            return new FileDisk(path, ch, io, handle.readOnly(), sectorSize);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
    }

    /** A new sparse, zero-filled file of {@code size} bytes, replacing any old one; synced. */
    private static void create(Path path, long size) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(0);
            raf.setLength(size);
            raf.getFD().sync();
        } catch (IOException e) {
            throw new IOException("cannot create disk image " + path + ": " + e.getMessage(), e);
        }
    }

    private static FileChannel openChannel(Path path, Set<OpenOption> options) throws IOException {
        try {
            return FileChannel.open(path, options);
        } catch (IOException e) {
            throw new IOException("cannot open disk image " + path + ": " + e.getMessage(), e);
        } catch (UnsupportedOperationException e) {
            throw new IOException("cannot open disk image " + path + " with " + options + ": " + e.getMessage(), e);
        }
    }
}
