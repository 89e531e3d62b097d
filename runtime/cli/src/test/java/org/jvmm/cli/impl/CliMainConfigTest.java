package org.jvmm.cli.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.DebugExitHandle;
import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.chipset.resources.PortSinkHandle;
import org.jvmm.chipset.resources.RtcHandle;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vm.config.FileSerialHandle;
import org.jvmm.vm.config.GuestAction;
import org.jvmm.vm.config.GuestActions;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.config.UnixSerialHandle;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.MemoryConfig;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.StderrSerialHandle;
import org.jvmm.vm.config.TcpSerialHandle;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.config.VmConfigException;
import org.jvmm.vm.config.VmConfigJson;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Good command lines and the {@link VmConfig} they produce. */
class CliMainConfigTest {
    /** The PC base chipset, interrupt controllers first. */
    static final List<ResourceHandle> PC_BASE = List.of(new PicHandle(), new IoApicHandle(0xFEC0_0000L, 0), new PitHandle(),
            new RtcHandle(null), new I8042Handle(), new AcpiPmHandle(0x600), new PortSinkHandle("post", 0x80, 1),
            new PortSinkHandle("io-delay", 0xED, 1), new FwCfgHandle());

    @TempDir
    Path dir;
    String kernel;
    String initrd;

    @BeforeEach
    void files() throws IOException {
        kernel = Files.writeString(dir.resolve("vmlinuz"), "k").toString();
        initrd = Files.writeString(dir.resolve("initrd.img"), "i").toString();
    }

    @Test
    void defaultsAreOpenVmms() {
        VmConfig c = launched();
        assertEquals(MemoryConfig.ofBytes(1L << 30), c.memory());
        assertEquals(1, c.processors().count());
        assertEquals(HypervisorChoice.AUTO, c.hypervisor());
        assertEquals(new LoadMode.None(), c.load());
        assertEquals(List.of(new SerialPortConfig(0, new ConsoleSerialHandle()), new SerialPortConfig(1, new NoneSerialHandle()),
                new SerialPortConfig(2, new NoneSerialHandle()), new SerialPortConfig(3, new NoneSerialHandle())), c.serial());
        assertEquals(PC_BASE, c.chipsetDevices());
        assertFalse(c.paused());
        assertFalse(c.deterministic());
    }

    @Test
    void debugconAndDebugExitFollowTheBaseChipset() {
        String log = dir.resolve("debugcon.log").toString();
        VmConfig c = launched("--debugcon", "0xe9,stderr", "--debug-exit", "0x501");
        assertEquals(PC_BASE, c.chipsetDevices().subList(0, PC_BASE.size()));
        assertEquals(List.of(new DebugconHandle(0xE9, new StderrSerialHandle()), new DebugExitHandle(0x501, 2)),
                c.chipsetDevices().subList(PC_BASE.size(), c.chipsetDevices().size()));
        VmConfig d = launched("--debug-exit", "244", "--debugcon", "1026,file=" + log);
        assertEquals(List.of(new DebugconHandle(0x402, new FileSerialHandle(log)), new DebugExitHandle(0xF4, 2)),
                d.chipsetDevices().subList(PC_BASE.size(), d.chipsetDevices().size()));
        VmConfig e = launched("--com1", "none", "--debugcon", "0xe9,console");
        assertEquals(new DebugconHandle(0xE9, new ConsoleSerialHandle()), e.chipsetDevices().getLast());
    }

    @Test
    void printConfigPrintsJsonThatReadsBack() throws VmConfigException {
        CliRun run = CliRun.of("--print-config", "-m", "1G", "-p", "2", "--kernel", "k", "--initrd", "i", "-c", "x=1",
                "-c", "console=ttyS0");
        assertEquals(0, run.status);
        assertEquals("", run.err);
        assertTrue(run.out.contains("\"chipset_device_handle:pic\""), run.out);
        VmConfig c = VmConfigJson.read(run.out, BuiltinHandleTypes.all());
        assertEquals(new LoadMode.LinuxDirect("k", "i", "x=1 console=ttyS0", false), c.load());
        CliRun pvh = CliRun.of("--print-config", "--kernel", "k", "--pvh");
        assertEquals(new LoadMode.LinuxDirect("k", null, "", true),
                VmConfigJson.read(pvh.out, BuiltinHandleTypes.all()).load());
        assertEquals(PC_BASE, c.chipsetDevices());
        assertEquals(1L << 30, c.memory().sizeBytes());
        assertEquals(2, c.processors().count());
        assertTrue(run.launched.isEmpty());
        assertTrue(run.out.endsWith("\n"));
    }

    @Test
    void linuxDirectBootAndMachine() {
        VmConfig c = launched("-k", kernel, "-r", initrd, "-c", "console=ttyS0", "-c", "quiet", "-m", "size=512M,prefetch",
                "-p", "4", "--hypervisor", "kvm:force", "-P", "--deterministic");
        assertEquals(new LoadMode.LinuxDirect(kernel, initrd, "console=ttyS0 quiet", false), c.load());
        assertEquals(new MemoryConfig(512L << 20, null, true), c.memory());
        assertEquals(4, c.processors().count());
        assertEquals(new HypervisorChoice("kvm", true), c.hypervisor());
        assertTrue(c.paused());
        assertTrue(c.deterministic());
        assertTrue(c.chipsetDevices().contains(new org.jvmm.chipset.resources.RtcHandle("2024-01-01T00:00:00Z")),
                "under --deterministic the RTC starts at a fixed time: " + c.chipsetDevices());
        assertTrue(launched().chipsetDevices().contains(org.jvmm.chipset.resources.RtcHandle.hostTime()));
    }

    @Test
    void guestActions() {
        VmConfig c = launched("--guest-reset-action", "exit:3", "--guest-crash-action", "reset",
                "--guest-shutdown-action", "halt");
        assertEquals(new GuestActions(GuestAction.parse("exit:3"), GuestAction.HALT, GuestAction.RESET), c.guestActions());
        assertEquals(GuestActions.DEFAULT, launched().guestActions());
    }

    @Test
    void serialBindings() {
        String log = dir.resolve("com2.log").toString();
        VmConfig c = launched("--com1", "stderr", "--com2", "file=" + log, "--com3", "listen=tcp:127.0.0.1:4444",
                "--com4", "listen=tcp:[::1]:4445");
        assertEquals(List.of(new SerialPortConfig(0, new StderrSerialHandle()), new SerialPortConfig(1, new FileSerialHandle(log)),
                new SerialPortConfig(2, new TcpSerialHandle("127.0.0.1:4444")),
                new SerialPortConfig(3, new TcpSerialHandle("[::1]:4445"))), c.serial());
    }

    @Test
    void pcieTopologyAndVirtioPlacement() {
        VmConfig c = launched("--pcie-root-complex", "rc0,low_mmio=256M", "--pcie-root-port", "rc0:rp0,hotplug",
                "--pcie-root-port", "rc0:rp1", "--pcie-switch", "rp1:sw0,num_downstream_ports=2",
                "--virtio-blk", "mem:1M,pcie_port=rp0", "--virtio-rng", "--virtio-rng-bus", "mmio");
        var rc = (org.jvmm.pci.resources.PcieRootComplexHandle) c.chipsetDevices().getLast();
        assertEquals("rc0", rc.name());
        assertEquals(256L << 20, rc.lowMmioSize());
        assertEquals(List.of(new org.jvmm.pci.resources.PcieRootPortConfig("rp0", null, true),
                new org.jvmm.pci.resources.PcieRootPortConfig("rp1", null, false)), rc.rootPorts());
        assertEquals(List.of(new org.jvmm.pci.resources.PcieSwitchConfig("rp1", "sw0", 2, false)), rc.switches());
        assertEquals("pci", c.virtioDevices().get(0).bus());
        assertEquals("rp0", c.virtioDevices().get(0).pciePort());
        assertEquals("mmio", c.virtioDevices().get(1).bus());
    }

    @Test
    void unixSocketSerial() {
        String sock = dir.resolve("com1.sock").toString();
        assertEquals(new SerialPortConfig(0, new UnixSerialHandle(sock)), launched("--com1", "listen=" + sock).serial().get(0));
    }

    @Test
    void memoryFileAndLegacyAliases() {
        String ram = dir.resolve("guest.ram").toString();
        assertEquals(new MemoryConfig(1L << 30, ram, true), launched("--memory-backing-file", ram, "--prefetch").memory());
        assertEquals(new MemoryConfig(2L << 30, ram, false), launched("-m", "size=2GB,file=" + ram).memory());
    }

    @Test
    void configFileWithOverrides() throws IOException {
        VmConfig base = VmConfig.builder().load(new LoadMode.LinuxDirect(kernel, initrd, "ro", true)).memoryBytes(64L << 20)
                .processors(2).serial(new SerialPortConfig(0, new StderrSerialHandle())).paused(true).build();
        Path file = Files.writeString(dir.resolve("vm.json"), VmConfigJson.write(base));
        VmConfig same = launched("--config", file.toString());
        assertEquals(base, same);
        VmConfig c = launched("--config", file.toString(), "-p", "3", "-c", "init=/bin/sh", "--com2", "stderr");
        assertEquals(new LoadMode.LinuxDirect(kernel, initrd, "init=/bin/sh", true), c.load());
        assertEquals(3, c.processors().count());
        assertEquals(64L << 20, c.memory().sizeBytes());
        assertEquals(List.of(new SerialPortConfig(0, new StderrSerialHandle()), new SerialPortConfig(1, new StderrSerialHandle())),
                c.serial());
        assertTrue(c.paused());
    }

    @Test
    void configFileChipsetIsTakenAsWritten() throws IOException {
        VmConfig base = VmConfig.builder().chipsetDevice(new PicHandle())
                .chipsetDevice(new DebugconHandle(0x402, new NoneSerialHandle())).build();
        Path file = Files.writeString(dir.resolve("chipset.json"), VmConfigJson.write(base));
        assertEquals(base.chipsetDevices(), launched("--config", file.toString()).chipsetDevices());
        VmConfig c = launched("--config", file.toString(), "--debugcon", "0xe9,stderr", "--debug-exit", "0x501");
        assertEquals(List.of(new PicHandle(), new DebugconHandle(0xE9, new StderrSerialHandle()), new DebugExitHandle(0x501, 2)),
                c.chipsetDevices());
    }

    @Test
    void launchOptions() {
        String pid = dir.resolve("jvmm.pid").toString();
        String log = dir.resolve("jvmm.log").toString();
        CliRun run = CliRun.withLaunchStatus(7, "--no-shell", "--pidfile", pid, "--log-file", log, "--single-process");
        assertEquals(7, run.status);
        LaunchRequest r = run.launched.getFirst();
        assertTrue(r.noShell());
        assertEquals(Optional.of(Path.of(pid)), r.pidfile());
        assertEquals(Optional.of(Path.of(log)), r.logFile());
        assertFalse(CliRun.of().launched.getFirst().noShell());
    }

    @Test
    void pluginsNamesTheWatchedFolder() throws IOException {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        CliRun run = CliRun.of("--plugins", plugins.toString());
        assertEquals("", run.err);
        assertEquals(Optional.of(plugins), run.launched.getFirst().plugins());
        assertEquals(Optional.empty(), CliRun.of().launched.getFirst().plugins(), "no folder is watched by default");
    }

    @Test
    void printConfigDoesNotCheckGuestFiles() {
        CliRun run = CliRun.of("--print-config", "--kernel", dir.resolve("later/vmlinuz").toString(),
                "--com1", "file=" + dir.resolve("later/com1.log"));
        assertEquals("", run.err);
        assertEquals(0, run.status);
    }

    @Test
    void helpListsGroupedOptionsAndMarksTheUnimplemented() {
        CliRun run = CliRun.of("--help");
        assertEquals(0, run.status);
        assertTrue(run.out.startsWith("Usage: jvmm [OPTIONS]"), run.out);
        for (String heading : List.of("jvmm:", "Boot:", "Processors and memory:", "Serial ports and consoles:", "Storage:",
                "Network:", "Other virtio devices:", "Firmware:", "PCIe and device assignment:", "Hyper-V, VMBus and OpenHCL:",
                "Guest events, diagnostics and other devices:", "Process and control:")) {
            assertTrue(run.out.contains(System.lineSeparator() + heading + System.lineSeparator()), heading);
        }
        assertTrue(run.out.matches("(?s).*-m, --memory=PARAMS\\s+guest RAM.*"), "implemented options are unmarked");
        assertTrue(run.out.matches("(?s).*--nvme-pci=PARAMS\\s+\\[not implemented].*"), "--nvme-pci is marked");
        String flat = run.out.replaceAll("\\s+", " ");
        assertTrue(flat.contains("--debugcon=PORT,SERIAL Bochs/QEMU debug console"), "--debugcon is unmarked");
        assertTrue(flat.contains("--debug-exit=PORT add QEMU's isa-debug-exit"), "--debug-exit is unmarked");
        assertTrue(flat.contains("the file is the full config: its chipsetDevices are used as written"), "--config");
        assertFalse(run.out.contains("--internal-worker"), "hidden options stay hidden");
    }

    @Test
    void versionPrintsTheBundleVersion() {
        CliRun run = CliRun.of("-V");
        assertEquals("jvmm 1.2.3" + System.lineSeparator(), run.out);
        assertEquals(0, run.status);
    }

    private static VmConfig launched(String... args) {
        CliRun run = CliRun.of(args);
        assertEquals("", run.err);
        assertEquals(0, run.status);
        return assertInstanceOf(LaunchRequest.class, run.launched.getFirst()).config();
    }
}
