package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Debian's cloud and generic kernels and the project's busybox initramfs
 * (scripts/guests/fetch-guests.sh, which ./test.sh runs and passes on as JVMM_GUEST_KERNEL /
 * JVMM_GUEST_INITRD and JVMM_GUEST_GENERIC_KERNEL / JVMM_GUEST_GENERIC_INITRD) booted under hv-emu,
 * through the bzImage's 64-bit entry and through PVH: the initramfs prints {@code JVMM-INIT-OK} and
 * acts on {@code jvmm.action=}.
 */
class LinuxBootTest {
    private static final Duration LINUX_TIMEOUT = Duration.ofSeconds(240);
    private static Path kernel;
    private static Path initrd;
    private static JvmmRun jvmm;

    @BeforeAll
    static void guests() {
        kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")),
                Path.of(System.getProperty("vmtest.vm.dir")), LINUX_TIMEOUT);
    }

    @Test
    void cloudKernelBootsToInitAndPowersOff() throws Exception {
        VmResult r = boot("linux-p1", "1", "jvmm.action=poweroff");
        assertBooted(r);
    }

    @Test
    void twoProcessorsComeUpAndShowInCpuinfo() throws Exception {
        VmResult r = boot("linux-p2", "2", "jvmm.action=cpuinfo");
        assertBooted(r);
        assertTrue(r.serial().contains("JVMM-CPUS=2"), () -> "cpuinfo does not list 2 processors\n" + r.describe());
    }

    /**
     * Three guest processes (one making system calls) spin with known values in XMM0-15, general
     * registers and the red zone while the timer preempts them: every value must survive.
     */
    @Test
    void processesKeepTheirRegistersAcrossContextSwitches() throws Exception {
        VmResult r = boot("linux-fpucheck", "1", "jvmm.action=fpucheck");
        assertBooted(r);
        assertTrue(r.serial().contains("JVMM-FPUCHECK=ok"), () -> "user state changed under a process\n" + r.describe());
    }

    /**
     * {@code --deterministic}: time follows retired instructions (clock reads in translated code see
     * what they would under the interpreter) and the RTC starts at a fixed date, so two boots of the
     * Linux guest print the same console output, byte for byte, printk timestamps included.
     */
    @Test
    void twoDeterministicBootsPrintTheSameConsole() throws Exception {
        List<String> options = List.of("--initrd", initrd.toString(), "-m", "256M", "--deterministic",
                "-c", "nokaslr jvmm.action=poweroff");
        VmResult first = jvmm.boot("linux-deterministic-1", kernel, options.toArray(String[]::new));
        VmResult second = jvmm.boot("linux-deterministic-2", kernel, options.toArray(String[]::new));
        assertBooted(first);
        assertBooted(second);
        assertEquals(first.serial(), second.serial(), () -> "COM1 differs between two --deterministic boots\n"
                + "first:\n" + first.describe() + "\nsecond:\n" + second.describe());
    }

    /**
     * {@code vm:restart} twice during a {@code --deterministic} boot (once the kernel prints, and once
     * its clock passes 0.3 s, about 300 M instructions in): every state unit is saved, every part built again and restored, and the guest sees
     * nothing of it: the console is byte for byte an uninterrupted deterministic boot's.
     */
    @Test
    void workerRestartsDuringADeterministicBootChangeNothingTheGuestSees() throws Exception {
        String[] options = {"--initrd", initrd.toString(), "-m", "256M", "--deterministic",
            "-c", "nokaslr jvmm.action=poweroff"};
        VmResult whole = jvmm.boot("linux-deterministic-whole", kernel, options);
        VmResult restarted = jvmm.bootWithShell("linux-deterministic-restarted", kernel, List.of(
                new JvmmRun.Step("[    0.000000] Linux version", "vm:restart"),
                new JvmmRun.Step("[    0.3", "vm:restart")), options);
        assertBooted(whole);
        assertBooted(restarted);
        long restarts = restarted.stderr().lines().filter(l -> l.contains("the worker restarted in ")
                && l.endsWith("the VM is running")).count();
        assertEquals(2, restarts, () -> "each vm:restart rebuilt the VM\n" + restarted.describe());
        assertEquals(whole.serial(), restarted.serial(), () -> "the restarts changed what the guest printed\n"
                + "uninterrupted:\n" + whole.describe() + "\nrestarted:\n" + restarted.describe());
    }

    @Test
    void cloudKernelBootsThroughPvh() throws Exception {
        assertBooted(jvmm.boot("linux-pvh", kernel, "--pvh", "--initrd", initrd.toString(), "-m", "512M",
                "-c", "nokaslr jvmm.action=poweroff"));
    }

    @Test
    void genericKernelBootsThroughPvh() throws Exception {
        Path generic = GuestFiles.env("JVMM_GUEST_GENERIC_KERNEL");
        Path genericInitrd = GuestFiles.env("JVMM_GUEST_GENERIC_INITRD");
        VmResult r = jvmm.boot("linux-generic-pvh", generic, "--pvh", "--initrd", genericInitrd.toString(),
                "-m", "512M", "-c", "nokaslr jvmm.action=poweroff");
        assertBooted(r);
        assertTrue(r.serial().stream().anyMatch(l -> l.startsWith("JVMM-INIT-OK") && l.contains("-amd64 ")
                && !l.contains("cloud")), () -> "not the generic kernel\n" + r.describe());
    }

    private static VmResult boot(String run, String processors, String action) throws Exception {
        return jvmm.boot(run, kernel, "--initrd", initrd.toString(), "-m", "512M", "-p", processors,
                "-c", "nokaslr " + action);
    }

    private static void assertBooted(VmResult r) {
        assertFalse(r.timedOut(), () -> "the kernel did not power off within " + LINUX_TIMEOUT + "\n" + r.describe());
        assertTrue(r.serial().stream().anyMatch(l -> l.startsWith("JVMM-INIT-OK")),
                () -> "no JVMM-INIT-OK line on COM1\n" + r.describe());
        assertEquals(0, r.exitStatus(), () -> "poweroff -f should end jvmm with status 0\n" + r.describe());
    }
}
