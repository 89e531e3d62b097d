package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The watched plugin folder end to end: jvmm boots with {@code --plugins DIR}; once the guest waits
 * for the example edu device, the plugin jar (examples/edu-device) is copied into DIR, and Felix
 * FileInstall installs and starts it; its device is hot-added ({@code vm:hotplug}) and driven by the
 * guest, unplugged; the jar is replaced (the bundle is updated) and then deleted (the bundle is
 * uninstalled). {@code vm:resolvers} before, between and after shows the resolver come, stay and
 * go. The jar also lies in {@code load/} and {@code plugins/} of jvmm's working directory, which
 * must not be watched.
 */
class PluginFolderTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);
    private static final String NAME = "plugin-folder";
    /** How long jvmm's output stays unchanged once FileInstall is done with a jar. */
    private static final Duration QUIET = Duration.ofSeconds(1);
    /** Text of one row of every {@code vm:resolvers} listing, and that row. */
    private static final String LISTING = "-> org.jvmm.hv.emu [";
    private static final Pattern LISTING_ROW = Pattern.compile("hypervisor:emu +-> org\\.jvmm\\.hv\\.emu \\[");
    private static final Pattern EDU_ROW = Pattern.compile("pci_device_handle:edu +-> org\\.jvmm\\.examples\\.edu \\[");

    @Test
    void aJarPutInTheFolderIsInstalledUsedUpdatedAndUninstalledWhenDeleted() throws Exception {
        Path kernel = GuestFiles.env("JVMM_GUEST_KERNEL");
        Path initrd = GuestFiles.env("JVMM_GUEST_INITRD");
        Path jar = Path.of(System.getProperty("jvmm.jar")).toAbsolutePath().normalize();
        Path vmDir = Path.of(System.getProperty("vmtest.vm.dir")).toAbsolutePath();
        Path plugin = onlyJar(EduPluginTest.buildExample(
                jar.getParent().getParent().getParent().getParent().resolve("examples/edu-device")));
        for (String unwatched : List.of("load", "plugins")) {
            Path d = Files.createDirectories(vmDir.resolve(NAME).resolve(unwatched));
            Files.copy(plugin, d.resolve(plugin.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }
        Path folder = emptyFolder(vmDir.resolve(NAME + "-watched"));
        Path dropped = folder.resolve("edu-device.jar");
        Path output = vmDir.resolve(NAME).resolve("jvmm-output.txt");
        JvmmRun.HostAction settle = () -> awaitQuiet(output);
        VmResult r = new JvmmRun(jar, vmDir, TIMEOUT)
                .withEnv("JVMM_LOG", "warn,org.apache.felix.fileinstall=info,Events.Bundle.org.jvmm.examples.edu=info")
                .bootWithShell(NAME, kernel, List.of(
                        new JvmmRun.Step("JVMM-EDU-READY", "vm:resolvers", LISTING),
                        new JvmmRun.Step("JVMM-EDU-READY", () -> Files.copy(plugin, dropped), null, "Started bundle: "),
                        new JvmmRun.Step("JVMM-EDU-READY", settle, "vm:resolvers", LISTING),
                        new JvmmRun.Step("JVMM-EDU-READY", "vm:hotplug rp0 '{\"resource\":\"pci_device_handle:edu\"}'"),
                        new JvmmRun.Step("JVMM-EDU-DONE", "vm:unplug rp0", "removed the device behind rp0"),
                        new JvmmRun.Step("JVMM-EDU-DONE", () -> replace(plugin, dropped), null, "Updating bundle "),
                        new JvmmRun.Step("JVMM-EDU-DONE", settle, "vm:resolvers", LISTING),
                        new JvmmRun.Step("JVMM-EDU-DONE", () -> Files.delete(dropped), null, "Uninstalling bundle "),
                        new JvmmRun.Step("JVMM-EDU-DONE", settle, "vm:resolvers", LISTING)),
                        "--plugins", folder.toString(), "--initrd", initrd.toString(), "-m", "512M",
                        "-c", "nokaslr jvmm.action=edu", "--pcie-root-complex", "rc0", "--pcie-root-port", "rc0:rp0,hotplug");
        assertFalse(r.timedOut(), r::describe);
        String out = r.stderr();
        assertTrue(out.contains("jvmm: plugins: watching " + folder + " ("), r::describe);
        assertEquals(1, count(out, "Installing bundle org.jvmm.examples.edu / 0.1.0"), () -> "installed once, from "
                + folder + " only\n" + r.describe());
        assertEquals(1, count(out, "Updating bundle org.jvmm.examples.edu / 0.1.0"), r::describe);
        assertEquals(1, count(out, "(org.jvmm.examples.edu)"), () -> "uninstalled once\n" + r.describe());
        List<Boolean> listed = eduListed(out);
        assertEquals(List.of(false, true, true, false), listed, () -> "the edu resolver in each vm:resolvers\n"
                + r.describe());
        assertTrue(out.contains("pci_device_handle:edu added at"), r::describe);
        Optional<String> found = value(r, "JVMM-EDU-FOUND=");
        assertTrue(found.isPresent() && found.get().matches("0000:01:00\\.0"), () -> "the guest found 1234:11e8\n"
                + r.describe());
        assertEquals(Optional.of("0x010000ed"), value(r, "JVMM-EDU-ID="), r::describe);
        assertEquals(Optional.of("3628800"), value(r, "JVMM-EDU-FACTORIAL="), r::describe);
        assertEquals(Optional.of("ok"), value(r, "JVMM-EDU-DMA="), r::describe);
        assertTrue(value(r, "JVMM-EDU-FAIL").isEmpty() && value(r, "JVMM-EDU-FAILED").isEmpty(), r::describe);
        assertEquals(found, value(r, "JVMM-EDU-REMOVED="), r::describe);
    }

    /**
     * Waits until jvmm's output has not grown for {@link #QUIET} (at most 30 s): FileInstall has
     * finished with the jar (an update stops, refreshes and restarts the bundle, logging each step).
     */
    private static void awaitQuiet(Path output) throws IOException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        long size = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            long now = Files.size(output);
            if (now != size) {
                size = now;
                quietSince = System.nanoTime();
            } else if (System.nanoTime() - quietSince >= QUIET.toNanos()) {
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
    }

    /** A new copy of the plugin over the old one, one minute newer: FileInstall sees a changed jar. */
    private static void replace(Path plugin, Path dropped) throws IOException {
        FileTime before = Files.getLastModifiedTime(dropped);
        Files.copy(plugin, dropped, StandardCopyOption.REPLACE_EXISTING);
        Files.setLastModifiedTime(dropped, FileTime.fromMillis(before.toMillis() + 60_000));
    }

    /**
     * For each {@code vm:resolvers} listing in {@code out}, in order: whether it has the edu
     * resolver. Rows are sorted by kind: the edu row comes after its listing's hypervisor:emu row.
     */
    private static List<Boolean> eduListed(String out) {
        List<Boolean> listed = new ArrayList<>();
        for (String line : out.lines().toList()) {
            if (LISTING_ROW.matcher(line).find()) {
                listed.add(false);
            } else if (EDU_ROW.matcher(line).find() && !listed.isEmpty()) {
                listed.set(listed.size() - 1, true);
            }
        }
        return listed;
    }

    private static Path onlyJar(Path target) throws IOException {
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> s = Files.newDirectoryStream(target, "edu-device-*.jar")) {
            s.forEach(jars::add);
        }
        assertEquals(1, jars.size(), () -> "one plugin jar in " + target + ": " + jars);
        return jars.getFirst();
    }

    private static Path emptyFolder(Path dir) throws IOException {
        Files.createDirectories(dir);
        try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
            for (Path p : s) {
                Files.delete(p);
            }
        }
        return dir;
    }

    private static long count(String text, String part) {
        return text.lines().filter(l -> l.contains(part)).count();
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
