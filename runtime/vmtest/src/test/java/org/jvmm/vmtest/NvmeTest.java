package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The NVMe controller (bundle storage-nvme) on the PCIe root bus in the Debian cloud guest, whose
 * kernel has NVMe built in: /dev/nvme0n1 has the image's md5, a write reaches the file, and a
 * write the guest synced survives SIGKILL of jvmm; a namespace added from the shell
 * ({@code vm:add-nvme-ns}) while the guest runs appears as /dev/nvme0n2.
 */
class NvmeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    private static JvmmRun jvmm() {
        return new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")), TIMEOUT);
    }

    private static Path dir() throws Exception {
        return Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), "nvme-files"));
    }

    @Test
    void theGuestReadsTheNamespaceAndItsWriteLandsInTheFile() throws Exception {
        byte[] image = new byte[2 << 20];
        new Random(11).nextBytes(image);
        Path disk = Files.write(dir().resolve("ns1.img"), image);
        VmResult r = jvmm().boot("nvme", GuestFiles.env("JVMM_GUEST_KERNEL"), "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(),
                "-m", "512M", "-c", "nokaslr jvmm.action=virtio", "--nvme", "file:" + disk);
        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        assertTrue(value(r, "JVMM-PCI-DEVICES=").orElse("").contains("=0x1414:0x00a9"), r::describe);
        assertEquals(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image))),
                value(r, "JVMM-MD5-nvme0n1="), r::describe);
        assertTrue(r.serial().contains("JVMM-WROTE-nvme0n1"), r::describe);
        assertArrayEquals("JVMM-WRITTEN".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(Files.readAllBytes(disk), 512, 524), "the guest's write is in the file");
    }

    @Test
    void aSyncedWriteSurvivesSigkill() throws Exception {
        Path disk = Files.write(dir().resolve("ns-kill.img"), new byte[1 << 20]);
        VmResult r = jvmm().bootAndKill("nvme-durability", GuestFiles.env("JVMM_GUEST_KERNEL"), "JVMM-SYNCED", "--initrd",
                GuestFiles.env("JVMM_GUEST_INITRD").toString(), "-m", "512M", "-c", "nokaslr jvmm.action=writesync",
                "--nvme", "file:" + disk);
        assertFalse(r.timedOut(), () -> "no JVMM-SYNCED line\n" + r.describe());
        assertTrue(r.serial().contains("JVMM-SYNCED nvme0n1"), r::describe);
        assertArrayEquals("JVMM-SYNCED-DATA".getBytes(StandardCharsets.US_ASCII),
                Arrays.copyOfRange(Files.readAllBytes(disk), 8 * 512, 8 * 512 + 16));
    }

    @Test
    void aNamespaceAddedFromTheShellAppearsInTheGuest() throws Exception {
        Path first = Files.write(dir().resolve("ns-first.img"), new byte[1 << 20]);
        byte[] image = new byte[1 << 20];
        new Random(12).nextBytes(image);
        Path second = Files.write(dir().resolve("ns-added.img"), image);
        VmResult r = jvmm().bootWithShell("nvme-add-ns", GuestFiles.env("JVMM_GUEST_KERNEL"), java.util.List.of(
                new JvmmRun.Step("JVMM-NVME-READY", "vm:add-nvme-ns file:" + second)),
                "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(), "-m", "512M", "-c", "nokaslr jvmm.action=nvmens",
                "--nvme", "file:" + first);
        assertFalse(r.timedOut(), r::describe);
        assertTrue(r.stderr().contains("namespace 2 added to nvme0"), r::describe);
        assertEquals(Optional.of(HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image))),
                value(r, "JVMM-NVME-ADDED="), r::describe);
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
