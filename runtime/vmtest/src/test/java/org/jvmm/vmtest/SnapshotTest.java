package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * OpenVMM's snapshot model on the Debian guest under hv-emu: {@code vm:save-snapshot DIR} in one
 * jvmm, {@code --restore-snapshot DIR} with the same options in a new one, and the guest's counter
 * goes on. In deterministic mode the COM1 output of the saved run followed by the restored run is
 * byte for byte the output of an uninterrupted run.
 */
class SnapshotTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    /**
     * Disk reads of the snapshot-disk guest: saved at the second, so the save (typed into the shell
     * while the guest reads on, about 5 reads a second) comes well before the guest powers off.
     */
    private static final int READS = 10;
    private static final Pattern COUNT = Pattern.compile("JVMM-COUNT=(\\d+)(?: vda=([0-9a-f]{32}))?");

    private static JvmmRun jvmm;
    private static Path kernel;
    private static Path initrd;
    private static Path vmDir;

    @BeforeAll
    static void guests() {
        kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        vmDir = Path.of(System.getProperty("vmtest.vm.dir"));
        jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), vmDir, TIMEOUT);
    }

    /**
     * The snapcount test guest under --deterministic: saved at round 5 and restored in a new jvmm, its
     * COM1 output continues byte for byte as an uninterrupted run's.
     */
    @Test
    void deterministicRunSavedAndRestoredPrintsWhatAnUninterruptedRunPrints() throws Exception {
        Vms.assumeToolchain();
        VmResult whole = Vms.boot(Guest.SNAPCOUNT, "snapcount-whole", "--deterministic");
        Vms.assertPassed(Guest.SNAPCOUNT, whole, List.of("snapcount: round 16 ticks " + ticksAt(whole, 16)));

        Path snap = vmDir.resolve("snapcount-state");
        deleteTree(snap);
        Path kernel = Vms.kernel(Guest.SNAPCOUNT);
        VmResult saved = Vms.jvmm().bootWithShell("snapcount-saved", kernel, List.of(
                new JvmmRun.Step("snapcount: round 5 ", "vm:save-snapshot " + snap),
                new JvmmRun.Step("snapcount: round 5 ", "vm:quit")), "--deterministic", "--debug-exit",
                JvmmRun.DEBUG_EXIT_PORT);
        assertTrue(Files.isRegularFile(snap.resolve("manifest.json")), () -> "no snapshot\n" + saved.describe());
        VmResult restored = Vms.jvmm().boot("snapcount-restored", kernel, "--deterministic", "--restore-snapshot",
                snap.toString());

        Vms.assertPassed(Guest.SNAPCOUNT, restored, List.of());
        assertEquals(com1("snapcount-whole"), com1("snapcount-saved") + com1("snapcount-restored"),
                () -> "saved + restored COM1 differs from the uninterrupted run\n" + whole.describe() + "\n"
                        + saved.describe() + "\n" + restored.describe());
    }

    private static String ticksAt(VmResult r, int round) {
        String prefix = "snapcount: round " + round + " ticks ";
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length()))
                .findFirst().orElse("?");
    }

    @Test
    void guestReadingAVirtioDiskGoesOnAfterRestore() throws Exception {
        Path dir = Files.createDirectories(vmDir.resolve("snapshot-disk-files"));
        byte[] image = new byte[1 << 20];
        new Random(7).nextBytes(image);
        Path disk = Files.write(dir.resolve("vda.img"), image);
        String md5 = java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5").digest(image));
        String[] options = {"--initrd", initrd.toString(), "-m", "256M", "--virtio-blk", "file:" + disk + ",ro",
            "-c", "nokaslr jvmm.action=count jvmm.count=" + READS};

        Path snap = vmDir.resolve("snapshot-disk-state");
        VmResult saved = saveAt("snapshot-disk-saved", "JVMM-COUNT=2", snap, options);
        VmResult restored = jvmm.boot("snapshot-disk-restored", kernel, with(options, "--restore-snapshot", snap.toString()));

        assertFalse(restored.timedOut(), restored::describe);
        assertEquals(0, restored.exitStatus(), () -> restored.describe() + "\nsaved run:\n" + saved.describe());
        List<Integer> counts = new ArrayList<>();
        for (String line : concat(saved.serial(), restored.serial())) {
            Matcher m = COUNT.matcher(line);
            if (m.find()) {
                counts.add(Integer.parseInt(m.group(1)));
                assertEquals(md5, m.group(2), () -> "the disk reads the same after the restore: " + line);
            }
        }
        assertEquals(IntStream.rangeClosed(1, READS).boxed().toList(), counts, () -> "the counter goes on where it stopped\n"
                + saved.describe() + "\n" + restored.describe());
        assertTrue(restored.serial().contains("JVMM-COUNT-DONE"), restored::describe);
        assertTrue(restored.serial().stream().noneMatch(l -> l.contains("JVMM-INIT-OK")),
                () -> "the restored VM continues; it does not boot again\n" + restored.describe());
    }

    /**
     * Boots with the shell, saves a snapshot to {@code snap} once {@code trigger} is on COM1, and quits.
     * The devices match {@link JvmmRun#boot}'s, which adds the debug-exit port.
     */
    private static VmResult saveAt(String name, String trigger, Path snap, String... options) throws Exception {
        deleteTree(snap);
        VmResult r = jvmm.bootWithShell(name, kernel, List.of(new JvmmRun.Step(trigger, "vm:save-snapshot " + snap),
                new JvmmRun.Step(trigger, "vm:quit")), with(options, "--debug-exit", JvmmRun.DEBUG_EXIT_PORT));
        assertTrue(Files.isRegularFile(snap.resolve("manifest.json")), () -> "no snapshot written\n" + r.describe());
        return r;
    }

    private static String com1(String run) throws Exception {
        return Files.readString(vmDir.resolve(run).resolve("com1.txt"), StandardCharsets.ISO_8859_1);
    }

    private static String[] with(String[] options, String... more) {
        List<String> all = new ArrayList<>(List.of(options));
        all.addAll(List.of(more));
        return all.toArray(String[]::new);
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private static void deleteTree(Path p) throws Exception {
        if (Files.exists(p)) {
            try (var walk = Files.walk(p)) {
                for (Path q : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(q);
                }
            }
        }
    }
}
