package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The third-party plugin workflow end to end: the example plugin (examples/edu-device, a separate
 * Maven project built here against the installed API bundles) is installed into a running jvmm from
 * the Gogo shell ({@code vm:plugin-install}), its device hot-added behind a PCIe root port
 * ({@code vm:hotplug}), driven by a guest program (init's {@code jvmm.action=edu}: ids, liveness,
 * factorial, interrupt status, a DMA round trip through guest memory and a refused bad DMA), then
 * unplugged and the plugin uninstalled. The glob is quoted: Gogo expands unquoted globs itself.
 */
class EduPluginTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final String BSN = "org.jvmm.examples.edu";

    @Test
    void theExamplePluginIsInstalledHotAddedUsedByTheGuestAndRemoved() throws Exception {
        Path kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        Path initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        Path jar = Path.of(System.getProperty("jvmm.jar")).toAbsolutePath().normalize();
        Path plugin = buildExample(jar.getParent().getParent().getParent().getParent().resolve("examples/edu-device"));
        VmResult r = new JvmmRun(jar, Path.of(System.getProperty("vmtest.vm.dir")), TIMEOUT).bootWithShell("edu-plugin",
                kernel, List.of(
                        new JvmmRun.Step("JVMM-EDU-READY", "vm:plugin-install 'file:" + plugin.resolve("edu-device-*.jar") + "'"),
                        new JvmmRun.Step("JVMM-EDU-READY", "vm:hotplug rp0 '{\"resource\":\"pci_device_handle:edu\"}'"),
                        new JvmmRun.Step("JVMM-EDU-DONE", "vm:unplug rp0"),
                        new JvmmRun.Step("JVMM-EDU-DONE", "vm:plugin-uninstall " + BSN)),
                "--initrd", initrd.toString(), "-m", "512M", "-c", "nokaslr jvmm.action=edu",
                "--pcie-root-complex", "rc0", "--pcie-root-port", "rc0:rp0,hotplug");
        assertFalse(r.timedOut(), r::describe);
        String console = r.stderr();
        assertTrue(console.contains("installed " + BSN + " 0.1.0 [") && console.contains("resolvers: pci_device_handle:edu"),
                () -> "plugin-install reports the resolver\n" + r.describe());
        assertTrue(console.contains("pci_device_handle:edu added at"), r::describe);
        Optional<String> found = value(r, "JVMM-EDU-FOUND=");
        assertTrue(found.isPresent() && found.get().matches("0000:01:00\\.0"), () -> "the guest found 1234:11e8\n"
                + r.describe());
        assertEquals(Optional.of("0x010000ed"), value(r, "JVMM-EDU-ID="), r::describe);
        assertEquals(Optional.of("0xedcba987"), value(r, "JVMM-EDU-LIVENESS="), r::describe);
        assertEquals(Optional.of("3628800"), value(r, "JVMM-EDU-FACTORIAL="), r::describe);
        assertEquals(Optional.of("ok"), value(r, "JVMM-EDU-IRQ="), r::describe);
        assertEquals(Optional.of("ok"), value(r, "JVMM-EDU-DMA="), r::describe);
        assertEquals(Optional.of("refused"), value(r, "JVMM-EDU-DMA-BAD="), r::describe);
        assertTrue(value(r, "JVMM-EDU-FAIL").isEmpty() && value(r, "JVMM-EDU-FAILED").isEmpty(), r::describe);
        assertEquals(found, value(r, "JVMM-EDU-REMOVED="), r::describe);
        assertTrue(console.contains("uninstalled " + BSN + " 0.1.0 [") && console.contains("resolvers gone: pci_device_handle:edu"),
                () -> "plugin-uninstall reports the resolver gone\n" + r.describe());
    }

    /** Builds the example with Maven offline against ~/.m2 (tests skipped: its own build runs them); its target dir. */
    static Path buildExample(Path project) throws IOException, InterruptedException {
        Path log = Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"))).resolve("edu-device-build.txt");
        ProcessBuilder pb = new ProcessBuilder("mvn", "-o", "-B", "-q", "-ntp", "-DskipTests", "-f",
                project.resolve("pom.xml").toString(), "package").redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        pb.environment().merge("MAVEN_OPTS", "--sun-misc-unsafe-memory-access=allow", (a, b) -> a + " " + b);
        Process p = pb.start();
        boolean ended = p.waitFor(5, TimeUnit.MINUTES);
        if (!ended) {
            p.destroyForcibly();
        }
        assertTrue(ended && p.exitValue() == 0, () -> "building " + project + " failed (it needs jvmm's API artifacts in ~/.m2:"
                + " build jvmm with mvn install, not verify):\n" + read(log));
        return project.resolve("target");
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + file + ": " + e.getMessage() + ")";
        }
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
