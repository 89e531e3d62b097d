package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the whole-VM tests share: building a guest and booting it in jvmm.jar (paths from the
 * system properties the pom sets), and the check that a guest passed.
 */
final class Vms {
    /** The value the guests write to the debug-exit port when every check passed. */
    static final int EXIT_PASS = 0x10;
    static final Duration VM_TIMEOUT = Duration.ofSeconds(60);

    private static GuestBuild build;
    private static JvmmRun jvmm;

    private Vms() {
    }

    /** Skips the calling test class, with the reason, when the guest toolchain is missing. */
    static synchronized void assumeToolchain() {
        assumeTrue(GuestBuild.toolsPresent(),
                "gcc, ld and objcopy (binutils) are needed to build the test guests; they are not on the PATH");
        if (build == null) {
            build = new GuestBuild(property("vmtest.guests.src"), property("vmtest.guests.out"));
            jvmm = new JvmmRun(property("jvmm.jar"), property("vmtest.vm.dir"), VM_TIMEOUT);
        }
    }

    /** Builds {@code guest} and boots it under hv-emu; {@code run} names the run's folder in target/vm. */
    static VmResult boot(Guest guest, String run, String... options) throws IOException, InterruptedException {
        return jvmm.boot(run, build.build(guest), options);
    }

    /** Builds {@code guest}: the kernel file to boot. */
    static Path kernel(Guest guest) throws IOException, InterruptedException {
        return build.build(guest);
    }

    /** The launcher the guests boot in (for runs with the shell). */
    static JvmmRun jvmm() {
        return jvmm;
    }

    /**
     * The run ended by itself, COM1 has every marker line and "{@code <guest>: PASS}", and jvmm's exit
     * status is the one the guest's debug-exit write of {@link #EXIT_PASS} asks for.
     */
    static void assertPassed(Guest guest, VmResult r, List<String> markers) {
        assertFalse(r.timedOut(), () -> guest.id() + " did not end within " + VM_TIMEOUT + "\n" + r.describe());
        for (String marker : markers) {
            assertTrue(r.serial().contains(marker), () -> "no COM1 line \"" + marker + "\"\n" + r.describe());
        }
        String pass = guest.id() + ": PASS";
        assertTrue(r.serial().contains(pass), () -> "no COM1 line \"" + pass + "\"\n" + r.describe());
        assertEquals(JvmmRun.debugExitStatus(EXIT_PASS), r.exitStatus(),
                () -> "jvmm's exit status is not the one of the guest's debug-exit write of 0x10, (0x10 << 1) | 1\n"
                        + r.describe());
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        assumeTrue(value != null, "system property " + name + " is not set (run the tests through Maven)");
        return Path.of(value);
    }
}
