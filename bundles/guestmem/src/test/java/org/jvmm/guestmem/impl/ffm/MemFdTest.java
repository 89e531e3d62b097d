package org.jvmm.guestmem.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MemFdTest {

    @BeforeEach
    void linuxOnly() {
        assumeTrue(System.getProperty("os.name").startsWith("Linux"));
    }

    @Test
    void createsNamedEmptyMemfd() throws IOException {
        int fd = MemFd.create("memfd-test").orElseThrow();
        Path proc = Path.of("/proc/self/fd/" + fd);
        assertEquals("/memfd:memfd-test (deleted)", Files.readSymbolicLink(proc).toString());
        assertEquals(0, Files.size(proc));
        MemFd.close(fd);
    }

    @Test
    void failureNamesCallAndErrno() {
        IOException e = assertThrows(IOException.class, () -> MemFd.create("n".repeat(300)));
        assertTrue(e.getMessage().startsWith("memfd_create(\"nnn"), e.getMessage());
        assertTrue(e.getMessage().contains("errno 22 ("), e.getMessage());
        IOException bad = assertThrows(IOException.class, () -> MemFd.close(-1));
        assertTrue(bad.getMessage().startsWith("close(-1) failed: errno 9 ("), bad.getMessage());
    }
}
