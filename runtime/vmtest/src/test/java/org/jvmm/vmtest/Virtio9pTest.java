package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A host directory shared over virtio 9p with Debian's generic kernel (the cloud kernel has no
 * 9p), and over virtio-fs with the cloud kernel: the guest mounts it, lists it, reads a host file and writes one; a symlink to the host's
 * /etc resolves inside the guest, never to the host's.
 */
class Virtio9pTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(240);

    @Test
    void theGuestMountsListsReadsAndWritesTheShare() throws Exception {
        check("9P", "virtio-9p", "fs", "--virtio-9p", GuestFiles.env("JVMM_GUEST_GENERIC_KERNEL"), GuestFiles.env("JVMM_GUEST_GENERIC_INITRD"),
                "--pvh");
    }

    @Test
    void virtioFsMountsListsReadsAndWritesTheShare() throws Exception {
        check("VIRTIOFS", "virtio-fs", "virtiofs", "--virtio-fs", GuestFiles.env("JVMM_GUEST_KERNEL"), GuestFiles.env("JVMM_GUEST_INITRD"));
    }

    /** Boots with the share as {@code option} and checks init's JVMM-{@code marker}-... report. */
    private static void check(String marker, String run, String action, String option, Path kernel, Path initrd,
            String... extra) throws Exception {
        Path share = Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), run + "-share"));
        Files.writeString(share.resolve("hello.txt"), "hello from the host\n");
        Files.deleteIfExists(share.resolve("guest.txt"));
        Files.deleteIfExists(share.resolve("link-out"));
        Files.createSymbolicLink(share.resolve("link-out"), Path.of("/etc"));
        JvmmRun jvmm = new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")),
                TIMEOUT);
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(extra));
        args.addAll(java.util.List.of("--initrd", initrd.toString(), "-m", "512M", "-c", "nokaslr jvmm.action=" + action,
                option, "jvmm," + share));
        VmResult r = jvmm.boot(run, kernel, args.toArray(String[]::new));
        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        assertEquals(Optional.of("hello.txt link-out "), value(r, "JVMM-" + marker + "-LS="), r::describe);
        assertEquals(Optional.of("hello from the host"), value(r, "JVMM-" + marker + "-CAT="), r::describe);
        assertTrue(r.serial().contains("JVMM-" + marker + "-WROTE"), r::describe);
        assertEquals("written by the guest\n", Files.readString(share.resolve("guest.txt")));
        assertFalse(value(r, "JVMM-" + marker + "-ESCAPE=").orElse("passwd").contains("passwd"),
                () -> "the link must resolve in the guest, not to the host's /etc\n" + r.describe());
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
