package org.jvmm.storage.disk.impl.qcow2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.jvmm.storage.disk.impl.Io.readOk;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.impl.TestResolver;
import org.jvmm.storage.disk.resources.DiskLayerHandle;
import org.jvmm.storage.disk.resources.FileDiskHandle;
import org.jvmm.storage.disk.resources.LayeredDiskHandle;
import org.jvmm.storage.disk.resources.Qcow2LayerHandle;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Images made by qemu-img (Debian package qemu-utils) read back as the raw data; skipped without qemu-img. */
class Qcow2QemuImgTest {
    private static final int SIZE = 4 << 20;

    @TempDir
    Path dir;

    @Test
    void plainAndCompressedImagesMatchTheRawFile() throws Exception {
        Path raw = rawWithHoles();
        for (String compat : List.of("0.10", "1.1")) {
            for (boolean compressed : List.of(false, true)) {
                Path q = dir.resolve("img-" + compat + "-" + compressed + ".qcow2");
                List<String> cmd = new ArrayList<>(List.of("convert", "-f", "raw", "-O", "qcow2", "-o", "compat=" + compat));
                if (compressed) {
                    cmd.add("-c");
                }
                cmd.addAll(List.of(raw.toString(), q.toString()));
                qemuImg(cmd);
                try (Disk d = TestResolver.disk(LayeredDiskHandle.of(true, new Qcow2LayerHandle(q.toString())))) {
                    assertEquals(SIZE / 512, d.sectorCount());
                    assertArrayEquals(Files.readAllBytes(raw), readOk(d, 0, SIZE), q.getFileName().toString());
                }
            }
        }
    }

    @Test
    void anOverlayFallsThroughToItsBackingFile() throws Exception {
        Path raw = rawWithHoles();
        Path overlay = dir.resolve("overlay.qcow2");
        qemuImg(List.of("create", "-f", "qcow2", "-F", "raw", "-b", raw.toString(), overlay.toString()));
        qemuIo(overlay, "write -P 0x5a 65536 4096");
        byte[] expected = Files.readAllBytes(raw);
        java.util.Arrays.fill(expected, 65536, 65536 + 4096, (byte) 0x5a);
        try (Disk d = TestResolver.disk(LayeredDiskHandle.of(true, new Qcow2LayerHandle(overlay.toString()),
                new DiskLayerHandle(FileDiskHandle.of(raw.toString(), true))))) {
            assertArrayEquals(expected, readOk(d, 0, SIZE));
        }
    }

    private Path rawWithHoles() throws Exception {
        byte[] data = new byte[SIZE];
        Random r = new Random(42);
        for (int at = 0; at < SIZE; at += 64 * 1024) {
            if ((at / 65536) % 3 != 1) {
                byte[] chunk = new byte[65536];
                r.nextBytes(chunk);
                for (int i = 0; i < chunk.length; i += 2) {
                    chunk[i] = 0;
                }
                System.arraycopy(chunk, 0, data, at, chunk.length);
            }
        }
        Path raw = dir.resolve("data.raw");
        Files.write(raw, data);
        return raw;
    }

    private static void qemuImg(List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add("qemu-img");
        cmd.addAll(args);
        run(cmd);
    }

    private static void qemuIo(Path image, String command) throws Exception {
        run(List.of("qemu-io", "-f", "qcow2", "-c", command, image.toString()));
    }

    private static void run(List<String> cmd) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort(cmd.getFirst() + " is not installed (Debian package qemu-utils)");
            return;
        }
        String out = new String(p.getInputStream().readAllBytes());
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError(String.join(" ", cmd) + " failed: " + out);
        }
    }
}
