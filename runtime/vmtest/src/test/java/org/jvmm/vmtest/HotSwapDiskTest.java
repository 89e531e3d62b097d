package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Issue 8's checks on the Debian guest reading a 2 MiB virtio-mmio disk and checking its md5 in a loop
 * ({@code jvmm.action=count}) while the shell changes what serves it: the devices-virtio bundle stopped
 * and started again (20 times here; {@code -Djvmm.vmtest.hotswap.cycles=100}, as
 * {@code scripts/bench/hotswap.sh} runs it, for the long run), updated live, or the whole worker
 * restarted. Every read must match, none may be lost or repeated, and the VMM must live through it.
 */
class HotSwapDiskTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final Pattern COUNT = Pattern.compile("^JVMM-COUNT=(\\d+) vda=([0-9a-f]{32})$");
    private static final String BUNDLE = "org.jvmm.devices.virtio";
    /** jvmm's output lines that show a step took effect (the next step waits for them). */
    private static final String PAUSED = "the VM is paused until the bundle returns";
    private static final String RESUMED = "VM resumed";
    private static final String UPDATED = "live update: the new revision took over its state";
    private static final String RESTARTED = "the worker restarted in ";
    /**
     * Reads the guest makes after the last step's trigger: the guest reads on (about 5 a second)
     * while the last command goes through the shell, and must not power off before it took effect.
     */
    private static final int SLACK = 10;

    /**
     * A virtio-mmio device cannot be unplugged, so each stop pauses the VM and each start swaps the
     * device (with its state) and resumes it.
     */
    @Test
    void diskReadsStayCorrectWhileItsBundleStopsAndStarts() throws Exception {
        int cycles = Integer.getInteger("jvmm.vmtest.hotswap.cycles", 20);
        // The launcher installs bundles from jar/<artifact>-<version>.jar: start takes a location or id,
        // stop also takes the symbolic name.
        String start = "($.context getBundle jar/devices-virtio-" + System.getProperty("jvmm.version") + ".jar) start";
        List<JvmmRun.Step> steps = new ArrayList<>();
        for (int k = 1; k <= cycles; k++) {
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", "stop " + BUNDLE, PAUSED));
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", start, RESUMED));
        }
        VmResult r = readDiskThrough("hotswap-disk", 11, cycles + SLACK, steps);

        long paused = r.stderr().lines().filter(l -> l.contains(PAUSED)).count();
        long resumed = r.stderr().lines().filter(l -> l.contains(RESUMED)).count();
        assertEquals(cycles, paused, () -> "each stop paused the VM\n" + r.describe());
        assertEquals(cycles, resumed, () -> "each start resumed it\n" + r.describe());
    }

    /**
     * Live device update: {@code update} of the devices-virtio bundle (from its built jar), three times.
     * The virtio-mmio disk's transport and device save their state (requests in flight finish first)
     * and the new revision's instances restore it.
     */
    @Test
    void diskReadsGoOnThroughLiveUpdatesOfTheVirtioBundle() throws Exception {
        Path jar = builtJar("jvmm.devices.virtio.jar");
        List<JvmmRun.Step> steps = new ArrayList<>();
        for (int k = 2; k <= 4; k++) {
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", "update " + BUNDLE + " " + jar.toUri(), UPDATED));
        }
        VmResult r = readDiskThrough("liveupdate-disk", 13, 4 + SLACK, steps);

        long updates = r.stderr().lines().filter(l -> l.contains(UPDATED)).count();
        assertEquals(3, updates, () -> "each update swapped the device\n" + r.describe());
    }

    /**
     * OpenVMM's {@code restart}: {@code vm:restart} three times, the second after an {@code update} of
     * the hv-emu bundle, so the processors go on in a partition of the new revision. Each restart saves
     * every state unit, closes processors, partition and devices, builds them again (the COM1 file is
     * opened again, for appending) around the same RAM and restores them; the guest does not boot again.
     */
    @Test
    void theGuestGoesOnThroughWorkerRestarts() throws Exception {
        Path emuJar = builtJar("jvmm.hv.emu.jar");
        List<JvmmRun.Step> steps = List.of(new JvmmRun.Step("JVMM-COUNT=2 ", "vm:restart", RESTARTED),
                new JvmmRun.Step("JVMM-COUNT=3 ", "update org.jvmm.hv.emu " + emuJar.toUri()),
                new JvmmRun.Step("JVMM-COUNT=3 ", "vm:restart", RESTARTED),
                new JvmmRun.Step("JVMM-COUNT=4 ", "vm:restart", RESTARTED));
        VmResult r = readDiskThrough("restart-disk", 17, 4 + SLACK, steps);

        assertEquals(1, r.serial().stream().filter(l -> l.startsWith("JVMM-INIT-OK")).count(),
                () -> "the guest booted once\n" + r.describe());
        long restarts = r.stderr().lines().filter(l -> l.contains(RESTARTED)
                && l.endsWith("the VM is running")).count();
        assertEquals(3, restarts, () -> "each vm:restart rebuilt the VM\n" + r.describe());
    }

    /**
     * Boots the guest with a random 2 MiB disk (seed {@code seed}) that it reads {@code reads} times,
     * typing {@code steps} into the shell; checks the run ended well and every read came once, in
     * order, with the image's md5.
     */
    private static VmResult readDiskThrough(String name, long seed, int reads, List<JvmmRun.Step> steps)
            throws Exception {
        Path kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        Path initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        Path vmDir = Path.of(System.getProperty("vmtest.vm.dir"));
        Path dir = Files.createDirectories(vmDir.resolve(name + "-files"));
        byte[] image = new byte[2 << 20];
        new Random(seed).nextBytes(image);
        Path disk = Files.write(dir.resolve("vda.img"), image);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image));
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), vmDir, TIMEOUT);
        VmResult r = jvmm.bootWithShell(name, kernel, steps, "--initrd", initrd.toString(), "-m", "256M",
                "--virtio-blk", "file:" + disk + ",ro", "-c", "nokaslr jvmm.action=count jvmm.count=" + reads);

        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        List<Integer> counts = new ArrayList<>();
        for (String line : r.serial()) {
            Matcher m = COUNT.matcher(line);
            if (m.find()) {
                counts.add(Integer.parseInt(m.group(1)));
                assertEquals(md5, m.group(2), () -> "a corrupted read: " + line + "\n" + r.describe());
            }
        }
        assertEquals(IntStream.rangeClosed(1, reads).boxed().toList(), counts,
                () -> "every read reported once, in order\n" + r.describe());
        return r;
    }

    private static Path builtJar(String property) {
        Path jar = Path.of(System.getProperty(property)).normalize();
        assumeTrue(Files.isRegularFile(jar), "the built bundle: " + jar);
        return jar;
    }
}
