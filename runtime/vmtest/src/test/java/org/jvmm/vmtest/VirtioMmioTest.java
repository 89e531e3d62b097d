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
 * The Debian cloud guest with virtio devices on virtio-mmio (found through the DSDT's LNRO0005
 * devices): two virtio-blk disks (a read-only one whose md5 the guest reports, and a writable one
 * the guest writes to), virtio-net on the loopback endpoint (eth0 gets back every frame it sends)
 * and virtio-console (/dev/hvc0 into a file); virtio-rng (/dev/hwrng) in a VM of its own; with
 * the initramfs's {@code jvmm.action=virtio} report.
 */
class VirtioMmioTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Test
    void blkNetAndConsoleWorkInTheGuest() throws Exception {
        Path kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        Path initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        Path dir = Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), "virtio-mmio-files"));
        byte[] image = new byte[2 << 20];
        new Random(42).nextBytes(image);
        Path vda = Files.write(dir.resolve("vda.img"), image);
        Path vdb = Files.write(dir.resolve("vdb.img"), new byte[1 << 20]);
        Path hvc = dir.resolve("hvc0.txt");
        Files.deleteIfExists(hvc);
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")),
                TIMEOUT);
        VmResult r = bootChecked(jvmm, "virtio-mmio", kernel, () -> Files.write(vdb, new byte[1 << 20]), "--initrd", initrd.toString(), "-m", "512M",
                "-c", "nokaslr jvmm.action=virtio", "--virtio-blk", "file:" + vda + ",ro", "--virtio-blk", "file:" + vdb,
                "--virtio-console", "file=" + hvc, "--virtio-net", "loopback");
        assertFalse(r.timedOut(), () -> "no power-off within " + TIMEOUT + "\n" + r.describe());
        assertEquals(0, r.exitStatus(), r::describe);
        assertEquals(Optional.of("0x0002 0x0002 0x0001 0x0003"), value(r, "JVMM-VIRTIO-DEVICES="),
                () -> "two blk, net and console\n" + r.describe());
        assertEquals(Optional.of(md5(image)), value(r, "JVMM-MD5-vda="), r::describe);
        assertEquals(Optional.of(md5(new byte[1 << 20])), value(r, "JVMM-MD5-vdb="), r::describe);
        assertTrue(r.serial().contains("JVMM-WROTE-vdb"), r::describe);
        byte[] written = Arrays.copyOfRange(Files.readAllBytes(vdb), 512, 512 + 12);
        assertArrayEquals("JVMM-WRITTEN".getBytes(StandardCharsets.US_ASCII), written, "the guest's write is in the file");
        assertArrayEquals(image, Files.readAllBytes(vda), "the read-only disk is unchanged");
        assertTrue(Files.readString(hvc).contains("JVMM-HVC-HELLO"), "hvc0 output reaches its backend");
        String net = value(r, "JVMM-NET=").orElse("");
        assertTrue(net.matches("eth0 mac=00:15:5d:..:..:.. carrier=1 tx=([1-9][0-9]*) rx=\\1"),
                () -> "eth0 up, every frame sent comes back through the loopback endpoint: " + net + "\n" + r.describe());
    }

    /**
     * virtio-rng in a VM of its own: the guest's virtio-rng driver binds it, the kernel's hwrng core
     * uses it, and a user process reads 16 bytes from /dev/hwrng.
     */
    @Test
    void rngGivesBytesThroughHwrng() throws Exception {
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")),
                TIMEOUT);
        VmResult r = bootChecked(jvmm, "virtio-rng", GuestFiles.env("JVMM_GUEST_KERNEL"), () -> { }, "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(),
                "-m", "512M", "-c", "nokaslr jvmm.action=virtio", "--virtio-rng");
        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        assertEquals(Optional.of("0x0004"), value(r, "JVMM-VIRTIO-DEVICES="), r::describe);
        assertEquals(Optional.of("virtio_rng.0"), value(r, "JVMM-HWRNG-CURRENT="), r::describe);
        String bytes = value(r, "JVMM-HWRNG=").orElse("");
        assertTrue(bytes.matches("[0-9a-f]{32}") && !bytes.equals("0".repeat(32)),
                () -> "16 random bytes from /dev/hwrng: " + bytes + "\n" + r.describe());
    }

    /**
     * Boots once and checks that no guest user process crashed: processes used to die of corrupted
     * memory in some boots (hv-emu skipped FXSAVE/FXRSTOR at upper-half addresses, so processes
     * shared XMM registers), most often with devices whose interrupts cause context switches.
     */
    private static VmResult bootChecked(JvmmRun jvmm, String run, Path kernel, Prepare prepare, String... options)
            throws Exception {
        prepare.run();
        VmResult r = jvmm.boot(run, kernel, options);
        assertTrue(r.serial().stream().noneMatch(VirtioMmioTest::guestProcessCrashed),
                () -> "a guest process crashed\n" + r.describe());
        return r;
    }

    /** A guest user process died of corrupted memory: a segfault, or glibc's heap checks aborting it. */
    private static boolean guestProcessCrashed(String line) {
        return line.contains("segfault at") || line.startsWith("corrupted ") || line.startsWith("malloc")
                || line.equals("Aborted") || line.equals("Segmentation fault");
    }

    /** Puts a boot's files in their starting state. */
    @FunctionalInterface
    interface Prepare {
        void run() throws Exception;
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }

    private static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }
}
