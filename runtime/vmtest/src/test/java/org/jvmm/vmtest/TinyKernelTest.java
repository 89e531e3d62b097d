package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The project's tiny kernel (scripts/guests/build-tiny-kernel.sh: Debian's linux-source-6.1 with
 * tinyconfig and what a test guest needs, no modules; ./test.sh passes it on as
 * JVMM_GUEST_TINY_KERNEL) with the busybox initramfs of the Debian guests: the fast test guest. It
 * reaches /init through its bzImage entry (the LZ4 decompressor runs in the guest) and through PVH
 * with two processors, and powers off through ACPI.
 */
class TinyKernelTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static Path kernel;
    private static Path initrd;
    private static JvmmRun jvmm;

    @BeforeAll
    static void guests() {
        kernel = GuestFiles.env("JVMM_GUEST_TINY_KERNEL");
        initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")),
                TIMEOUT);
    }

    @Test
    void bootsToInitAndPowersOff() throws Exception {
        VmResult r = jvmm.boot("tiny-p1", kernel, "--initrd", initrd.toString(), "-m", "128M",
                "-c", "jvmm.action=poweroff");
        assertBooted(r, 1);
    }

    @Test
    void bootsThroughPvhWithTwoProcessors() throws Exception {
        VmResult r = jvmm.boot("tiny-pvh-p2", kernel, "--pvh", "--initrd", initrd.toString(), "-m", "128M", "-p", "2",
                "-c", "jvmm.action=cpuinfo");
        assertBooted(r, 2);
        assertTrue(r.serial().contains("JVMM-CPUS=2"), () -> "cpuinfo does not list 2 processors\n" + r.describe());
    }

    private static void assertBooted(VmResult r, int processors) {
        assertFalse(r.timedOut(), () -> "the tiny kernel did not power off within " + TIMEOUT + "\n" + r.describe());
        assertTrue(r.serial().stream().anyMatch(l -> l.startsWith("JVMM-INIT-OK nproc=" + processors + " ")
                && l.contains("-jvmm-tiny ")), () -> "no JVMM-INIT-OK line of the tiny kernel\n" + r.describe());
        assertEquals(0, r.exitStatus(), () -> "poweroff -f should end jvmm with status 0\n" + r.describe());
    }
}
