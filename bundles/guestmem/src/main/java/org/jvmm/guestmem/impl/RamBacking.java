package org.jvmm.guestmem.impl;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import org.jvmm.guestmem.impl.ffm.MemFd;

/**
 * The host memory behind guest RAM.
 *
 * @param segment the whole RAM mapping
 * @param arena   the arena that owns the mapping; closing it unmaps
 * @param fd      the memfd behind the mapping, if any (owned: closed by {@link #close})
 * @param file    the named file behind the mapping, if any
 */
public record RamBacking(MemorySegment segment, Arena arena, OptionalInt fd, Optional<Path> file) {

    private static final String MEMFD_NAME = "jvmm-guest-ram";
    private static final long PAGE = 4096;

    /** Anonymous shared RAM: a memfd mapped shared, or shared-arena memory without memfd. */
    public static RamBacking anonymous(long size) throws IOException {
        OptionalInt fd = MemFd.create(MEMFD_NAME);
        if (fd.isEmpty()) {
            return sharedArena(size);
        }
        try {
            Arena arena = Arena.ofShared();
            MemorySegment segment = mapShared(Path.of("/proc/self/fd/" + fd.getAsInt()), size, arena);
            return new RamBacking(segment, arena, fd, Optional.empty());
        } catch (IOException | RuntimeException e) {
            closeAfterFailure(fd.getAsInt(), e);
            throw e;
        }
    }

    /** Zeroed, page-aligned shared-arena memory without any fd: the fallback where memfd is missing. */
    public static RamBacking sharedArena(long size) {
        Arena arena = Arena.ofShared();
        return new RamBacking(arena.allocate(size, PAGE), arena, OptionalInt.empty(), Optional.empty());
    }

    /** RAM backed by {@code file}: created or extended to {@code size}, content kept. */
    public static RamBacking file(Path file, long size) throws IOException {
        Arena arena = Arena.ofShared();
        MemorySegment segment = mapShared(file, size, arena);
        return new RamBacking(segment, arena, OptionalInt.empty(), Optional.of(file));
    }

    /** Unmaps the RAM, then closes the memfd if there is one. */
    public void close() throws IOException {
        arena.close();
        if (fd.isPresent()) {
            MemFd.close(fd.getAsInt());
        }
    }

    private static MemorySegment mapShared(Path path, long size, Arena arena) throws IOException {
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            if (raf.length() < size) {
                raf.setLength(size);
            }
            return raf.getChannel().map(FileChannel.MapMode.READ_WRITE, 0, size, arena);
        } catch (IOException | RuntimeException e) {
            arena.close();
            throw e;
        }
    }

    private static void closeAfterFailure(int fd, Exception cause) {
        try {
            MemFd.close(fd);
        } catch (IOException e) {
            cause.addSuppressed(e);
        }
    }
}
