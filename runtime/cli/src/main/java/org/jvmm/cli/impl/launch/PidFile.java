package org.jvmm.cli.impl.launch;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code --pidfile}: the process id, written on start and removed on close (not after a kill -9). */
final class PidFile implements AutoCloseable {
    private final Optional<Path> path;

    private PidFile(Optional<Path> path) {
        this.path = path;
    }

    /** Writes this process's id to {@code path}, when given. */
    static PidFile write(Optional<Path> path) throws IOException {
        if (path.isPresent()) {
            Files.writeString(path.get(), ProcessHandle.current().pid() + "\n", StandardCharsets.US_ASCII);
        }
        return new PidFile(path);
    }

    @Override
    public void close() throws IOException {
        if (path.isPresent()) {
            Files.deleteIfExists(path.get());
        }
    }
}
