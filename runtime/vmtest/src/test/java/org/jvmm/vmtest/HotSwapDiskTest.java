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
import org.junit.jupiter.api.Test;

/**
 * Issue 8's hot-swap check on the Debian guest: the guest reads a virtio-mmio disk and checks its md5
 * in a loop while the bundle that provides virtio-blk is stopped and started again from the Gogo shell
 * (20 times here; {@code -Djvmm.vmtest.hotswap.cycles=100} for the long run). A virtio-mmio device cannot
 * be unplugged, so each stop pauses the VM and each start resumes it: every read must still match and
 * the VMM must live through it.
 */
class HotSwapDiskTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(600);
    private static final Pattern COUNT = Pattern.compile("^JVMM-COUNT=(\\d+) vda=([0-9a-f]{32})$");
    private static final String BUNDLE = "org.jvmm.devices.virtio";

    @Test
    void diskReadsStayCorrectWhileItsBundleStopsAndStarts() throws Exception {
        Path kernel = env("JVMM_GUEST_KERNEL");
        Path initrd = env("JVMM_GUEST_INITRD");
        int cycles = Integer.getInteger("jvmm.vmtest.hotswap.cycles", 20);
        Path vmDir = Path.of(System.getProperty("vmtest.vm.dir"));
        Path dir = Files.createDirectories(vmDir.resolve("hotswap-disk-files"));
        byte[] image = new byte[2 << 20];
        new Random(11).nextBytes(image);
        Path disk = Files.write(dir.resolve("vda.img"), image);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image));
        // The launcher installs bundles from jar/<artifact>-<version>.jar: start takes a location or id,
        // stop also takes the symbolic name.
        String start = "($.context getBundle jar/devices-virtio-" + System.getProperty("jvmm.version") + ".jar) start";
        List<JvmmRun.Step> steps = new ArrayList<>();
        for (int k = 1; k <= cycles; k++) {
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", "stop " + BUNDLE));
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", start));
        }
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), vmDir, TIMEOUT);
        VmResult r = jvmm.bootWithShell("hotswap-disk", kernel, steps, "--initrd", initrd.toString(), "-m", "256M",
                "--virtio-blk", "file:" + disk + ",ro", "-c", "nokaslr jvmm.action=count jvmm.count=" + (cycles + 3));

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
        assertEquals(cycles + 3, counts.size(), () -> "every read reported\n" + r.describe());
        long paused = r.stderr().lines().filter(l -> l.contains("the VM is paused until the bundle returns")).count();
        long resumed = r.stderr().lines().filter(l -> l.contains("VM resumed")).count();
        assertEquals(cycles, paused, () -> "each stop paused the VM\n" + r.describe());
        assertEquals(cycles, resumed, () -> "each start resumed it\n" + r.describe());
    }

    /**
     * Live device update: {@code update} of the devices-virtio bundle (from its built jar) while the
     * guest reads its disk, three times. The virtio-mmio disk's transport and device save their state
     * (requests in flight finish first), the new revision's instances restore it, and the guest's
     * reads go on: every md5 matches and none is lost.
     */
    @Test
    void diskReadsGoOnThroughLiveUpdatesOfTheVirtioBundle() throws Exception {
        Path kernel = env("JVMM_GUEST_KERNEL");
        Path initrd = env("JVMM_GUEST_INITRD");
        Path vmDir = Path.of(System.getProperty("vmtest.vm.dir"));
        Path dir = Files.createDirectories(vmDir.resolve("liveupdate-disk-files"));
        byte[] image = new byte[2 << 20];
        new Random(13).nextBytes(image);
        Path disk = Files.write(dir.resolve("vda.img"), image);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image));
        Path jar = Path.of(System.getProperty("jvmm.devices.virtio.jar")).normalize();
        assumeTrue(Files.isRegularFile(jar), "the built devices-virtio jar: " + jar);
        List<JvmmRun.Step> steps = new ArrayList<>();
        for (int k = 2; k <= 4; k++) {
            steps.add(new JvmmRun.Step("JVMM-COUNT=" + k + " ", "update " + BUNDLE + " " + jar.toUri()));
        }
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), vmDir, TIMEOUT);
        VmResult r = jvmm.bootWithShell("liveupdate-disk", kernel, steps, "--initrd", initrd.toString(), "-m", "256M",
                "--virtio-blk", "file:" + disk + ",ro", "-c", "nokaslr jvmm.action=count jvmm.count=8");

        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        List<Integer> counts = new ArrayList<>();
        for (String line : r.serial()) {
            Matcher m = COUNT.matcher(line);
            if (m.find()) {
                counts.add(Integer.parseInt(m.group(1)));
                assertEquals(md5, m.group(2), () -> "a read went wrong across an update: " + line + "\n" + r.describe());
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8), counts, r::describe);
        long updates = r.stderr().lines().filter(l -> l.contains("live update: the new revision took over its state"))
                .count();
        assertEquals(3, updates, () -> "each update swapped the device\n" + r.describe());
    }

    /**
     * OpenVMM's {@code restart}: {@code vm:restart} three times while the guest reads its disk, the
     * second time after an {@code update} of the hv-emu bundle, so the processors go on in a partition
     * of the new revision. Each restart saves every state unit, closes processors, partition and
     * devices, builds them again (the COM1 file is opened again, for appending) around the same RAM and
     * restores them: the guest's count and reads go on, none lost, none repeated, no reboot.
     */
    @Test
    void theGuestGoesOnThroughWorkerRestarts() throws Exception {
        Path kernel = env("JVMM_GUEST_KERNEL");
        Path initrd = env("JVMM_GUEST_INITRD");
        Path vmDir = Path.of(System.getProperty("vmtest.vm.dir"));
        Path dir = Files.createDirectories(vmDir.resolve("restart-disk-files"));
        byte[] image = new byte[2 << 20];
        new Random(17).nextBytes(image);
        Path disk = Files.write(dir.resolve("vda.img"), image);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(image));
        Path emuJar = Path.of(System.getProperty("jvmm.hv.emu.jar")).normalize();
        assumeTrue(Files.isRegularFile(emuJar), "the built hv-emu jar: " + emuJar);
        List<JvmmRun.Step> steps = List.of(new JvmmRun.Step("JVMM-COUNT=2 ", "vm:restart"),
                new JvmmRun.Step("JVMM-COUNT=3 ", "update org.jvmm.hv.emu " + emuJar.toUri()),
                new JvmmRun.Step("JVMM-COUNT=3 ", "vm:restart"),
                new JvmmRun.Step("JVMM-COUNT=4 ", "vm:restart"));
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), vmDir, TIMEOUT);
        VmResult r = jvmm.bootWithShell("restart-disk", kernel, steps, "--initrd", initrd.toString(), "-m", "256M",
                "--virtio-blk", "file:" + disk + ",ro", "-c", "nokaslr jvmm.action=count jvmm.count=7");

        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        List<Integer> counts = new ArrayList<>();
        for (String line : r.serial()) {
            Matcher m = COUNT.matcher(line);
            if (m.find()) {
                counts.add(Integer.parseInt(m.group(1)));
                assertEquals(md5, m.group(2), () -> "a read went wrong across a restart: " + line + "\n" + r.describe());
            }
        }
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7), counts, r::describe);
        assertEquals(1, r.serial().stream().filter(l -> l.startsWith("JVMM-INIT-OK")).count(),
                () -> "the guest booted once\n" + r.describe());
        long restarts = r.stderr().lines().filter(l -> l.contains("the worker restarted in ")
                && l.endsWith("the VM is running")).count();
        assertEquals(3, restarts, () -> "each vm:restart rebuilt the VM\n" + r.describe());
    }

    private static Path env(String name) {
        String value = System.getenv(name);
        assumeTrue(value != null && Files.isRegularFile(Path.of(value)),
                name + " does not name a file: run the tests through ./test.sh, which fetches the Debian guest");
        return Path.of(value);
    }
}
