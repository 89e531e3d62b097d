package org.jvmm.cli.impl.launch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PidFileTest {
    @TempDir
    Path dir;

    @Test
    void writesThePidAndRemovesItOnClose() throws IOException {
        Path file = dir.resolve("jvmm.pid");
        PidFile p = PidFile.write(Optional.of(file));
        assertEquals(ProcessHandle.current().pid() + "\n", Files.readString(file));
        p.close();
        assertFalse(Files.exists(file));
    }

    @Test
    void nothingWithoutAPath() throws IOException {
        PidFile.write(Optional.empty()).close();
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }
}
