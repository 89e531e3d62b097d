package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * PCIe native hot-plug in the Debian guest: a root port with hot-plug, a virtio-rng added behind it
 * from the Gogo shell ({@code vm:hotplug}) while the guest runs, seen by the guest's pciehp in
 * /sys/bus/pci/devices, then removed ({@code vm:unplug}) and gone (init's
 * {@code jvmm.action=hotplug}); plus virtio-blk over virtio-pci behind a root port at boot.
 */
class PciHotPlugTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(300);

    private static JvmmRun jvmm() {
        return new JvmmRun(Path.of(System.getProperty("jvmm.jar")), Path.of(System.getProperty("vmtest.vm.dir")), TIMEOUT);
    }

    @Test
    void aVirtioDeviceHotAddedToARootPortAppearsAndLeaves() throws Exception {
        VmResult r = jvmm().bootWithShell("pci-hotplug", GuestFiles.env("JVMM_GUEST_KERNEL"), List.of(
                new JvmmRun.Step("JVMM-HOTPLUG-READY", "vm:hotplug rp0 '{\"resource\":\"virtio:virtio-rng\"}'"),
                new JvmmRun.Step("JVMM-HOTPLUG-ADDED=", "vm:unplug rp0")),
                "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(), "-m", "512M", "-c", "nokaslr jvmm.action=hotplug",
                "--pcie-root-complex", "rc0", "--pcie-root-port", "rc0:rp0,hotplug");
        assertFalse(r.timedOut(), r::describe);
        Optional<String> added = value(r, "JVMM-HOTPLUG-ADDED=");
        assertTrue(added.isPresent() && added.get().matches("0000:01:00\\.0"), () -> "hot-added function\n" + r.describe());
        assertEquals(added, value(r, "JVMM-HOTPLUG-REMOVED="), r::describe);
        assertTrue(r.stderr().contains("virtio:virtio-rng added at"), r::describe);
    }

    @Test
    void virtioBlkOverVirtioPciBehindARootPort() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("vmtest.vm.dir"), "virtio-pci-files"));
        byte[] image = new byte[1 << 20];
        new java.util.Random(7).nextBytes(image);
        Path disk = Files.write(dir.resolve("disk.img"), image);
        VmResult r = jvmm().boot("virtio-pci", GuestFiles.env("JVMM_GUEST_KERNEL"), "--initrd", GuestFiles.env("JVMM_GUEST_INITRD").toString(),
                "-m", "512M", "-c", "nokaslr jvmm.action=virtio", "--pcie-root-complex", "rc0",
                "--pcie-root-port", "rc0:rp0", "--virtio-blk", "file:" + disk + ",pcie_port=rp0");
        assertFalse(r.timedOut(), r::describe);
        assertEquals(0, r.exitStatus(), r::describe);
        assertTrue(value(r, "JVMM-PCI-DEVICES=").orElse("").contains("0000:01:00.0=0x1af4:0x1042"),
                () -> "virtio-blk (1af4:1042) behind the root port\n" + r.describe());
        assertEquals(Optional.of(java.util.HexFormat.of().formatHex(
                java.security.MessageDigest.getInstance("MD5").digest(image))), value(r, "JVMM-MD5-vda="), r::describe);
        assertTrue(r.serial().contains("JVMM-WROTE-vda"), r::describe);
    }

    private static Optional<String> value(VmResult r, String prefix) {
        return r.serial().stream().filter(l -> l.startsWith(prefix)).map(l -> l.substring(prefix.length())).findFirst();
    }
}
