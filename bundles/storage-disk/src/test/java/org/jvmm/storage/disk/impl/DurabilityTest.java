package org.jvmm.storage.disk.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.TimeUnit;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.DiskSpecParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A write acknowledged with FUA, or before a completed flush, survives a SIGKILL of the VMM. */
class DurabilityTest {
    @TempDir
    Path dir;

    @Test
    void fileDiskKeepsFlushedDataAfterKill() throws Exception {
        Path img = dir.resolve("disk.img");
        killAfterWrites("file:" + img + ";create=64K");
        try (FileChannel ch = FileChannel.open(img, StandardOpenOption.READ)) {
            ByteBuffer b = ByteBuffer.allocate(8 * 512);
            ch.read(b, 0);
            assertArrayEquals(expected(), b.array());
        }
    }

    @Test
    void sqliteDiskKeepsFlushedDataAfterKill() throws Exception {
        Path db = dir.resolve("disk.dbhd");
        killAfterWrites("sql:" + db + ";create=64K");
        try (Disk d = TestResolver.disk(new DiskSpecParser().parseKind("sql:" + db, true))) {
            assertArrayEquals(expected(), Io.readOk(d, 0, 8 * 512));
        }
    }

    private static byte[] expected() {
        byte[] all = new byte[8 * 512];
        System.arraycopy(Io.pattern(4 * 512, 1), 0, all, 0, 4 * 512);
        System.arraycopy(Io.pattern(4 * 512, 2), 0, all, 4 * 512, 4 * 512);
        return all;
    }

    private static void killAfterWrites(String spec) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED", "-cp",
                System.getProperty("java.class.path"), DurabilityChild.class.getName(), spec)
                .redirectErrorStream(true).start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            StringBuilder out = new StringBuilder();
            while ((line = r.readLine()) != null && !line.equals("DURABLE")) {
                out.append(line).append('\n');
            }
            assertEquals("DURABLE", line, "child output:\n" + out);
            p.destroyForcibly();
            assertTrue(p.waitFor(10, TimeUnit.SECONDS));
            assertEquals(137, p.exitValue(), "the child was killed with SIGKILL");
        } finally {
            p.destroyForcibly();
        }
    }
}
