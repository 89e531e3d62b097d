package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * Nothing acknowledged is lost: the guest writes to a virtio-blk disk backed by a file and runs
 * {@code sync} (a flush), then jvmm is killed with SIGKILL; the data is in the file.
 */
class DurabilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Test
    void dataTheGuestSyncedSurvivesSigkillOfTheVmm() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), "durability-files"));
        Path disk = Files.write(dir.resolve("disk.img"), new byte[1 << 20]);
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")),
                TIMEOUT);
        VmResult r = jvmm.bootAndKill("durability", GuestFiles.env("JVMM_GUEST_KERNEL"), "JVMM-SYNCED", "--initrd",
                GuestFiles.env("JVMM_GUEST_INITRD").toString(), "-m", "512M", "-c", "nokaslr jvmm.action=writesync",
                "--virtio-blk", "file:" + disk);
        assertFalse(r.timedOut(), () -> "no JVMM-SYNCED line\n" + r.describe());
        assertTrue(r.serial().contains("JVMM-SYNCED vda"), r::describe);
        byte[] written = Arrays.copyOfRange(Files.readAllBytes(disk), 8 * 512, 8 * 512 + 16);
        assertArrayEquals("JVMM-SYNCED-DATA".getBytes(StandardCharsets.US_ASCII), written,
                "the synced write is in the file after SIGKILL");
    }
}
