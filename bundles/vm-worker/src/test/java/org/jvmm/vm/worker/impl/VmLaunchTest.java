package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.vm.config.ConsoleSerialHandle;
import org.jvmm.vm.config.DiskConfig;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.impl.fake.FakeDevice;
import org.jvmm.vm.worker.impl.fake.TestHandles;
import org.jvmm.vm.worker.impl.fake.TestResolver;
import org.jvmm.vm.worker.spi.BootContext;
import org.jvmm.vm.worker.spi.BootException;
import org.jvmm.vm.worker.spi.BootLoader;

class VmLaunchTest {
    private final WorkerFixture f = new WorkerFixture();

    @AfterEach
    void stopAll() {
        f.close();
    }

    private String launchError(org.jvmm.vm.config.VmConfig config) {
        return assertThrows(VmLaunchException.class, () -> f.launch(config)).getMessage();
    }

    @Test
    void withoutABackendTheErrorListsWhatWasTried() {
        assertEquals("hypervisor: no usable backend — tried kvm (no resolver for hypervisor:kvm — install or start"
                + " bundle hv-kvm), whp (no resolver for hypervisor:whp — install or start bundle hv-whp), emu (no"
                + " resolver for hypervisor:emu — install or start bundle hv-emu)", launchError(config().build()));
    }

    @Test
    void inspectShowsStateConfigHypervisorMemoryProcessorsDevicesAndBoot() throws Exception {
        f.withEmu().withPowerDevice();
        Vm vm = f.launch(config().processors(2).chipsetDevice(new TestHandles.Power("power", 0xf4)).build());
        assertEquals("created", vm.inspect("state").orElseThrow());
        assertEquals(2, vm.inspect("config/processors").orElseThrow());
        assertEquals("16 MiB", vm.inspect("config/memory").orElseThrow());
        assertEquals("emu", vm.inspect("hypervisor/chosen").orElseThrow());
        assertEquals("test backend", vm.inspect("hypervisor/probe").orElseThrow());
        assertTrue(vm.inspect("hypervisor/skipped/kvm").orElseThrow().toString()
                .startsWith("no resolver for hypervisor:kvm"));
        assertEquals("0x1000000", vm.inspect("memory/size").orElseThrow().toString());
        assertEquals("0x0-0xffffff at offset 0x0", vm.inspect("memory/ranges/0").orElseThrow());
        assertEquals("0xc0000000-0xffffffff", vm.inspect("memory/mmioHole").orElseThrow());
        assertEquals("fake", vm.inspect("partition/backend").orElseThrow());
        assertEquals("0xfff0", vm.inspect("vp/1/processor/rip").orElseThrow().toString());
        assertEquals("new", vm.inspect("vp/0/thread").orElseThrow());
        assertEquals("0xf4-0xf4", vm.inspect("chipset/power/bus/port power-io").orElseThrow());
        assertEquals(0L, vm.inspect("io/errors/power").orElseThrow());
        assertEquals("none", vm.inspect("boot/mode").orElseThrow());
        assertEquals("reset vector", vm.inspect("boot/none/entry").orElseThrow());
        vm.stop();
        assertEquals("stopped by request", vm.inspect("stopReason").orElseThrow());
        assertTrue(vm.inspect("memory").isEmpty(), "a stopped VM holds no memory");
    }

    @Test
    void partitionGetsTheConfiguredShape() throws Exception {
        f.withEmu();
        f.launch(config().processors(3).deterministic(true).build());
        assertEquals(3, f.emu.last.config().processorCount());
        assertTrue(f.emu.last.config().deterministic());
        assertEquals("qemu64", f.emu.last.config().cpuModel().name());
        assertEquals(16L << 20, f.emu.last.config().memory().ramSize());
    }

    @Test
    void serialPortsBecomeSerial16550HandlesOfTheProvidersRecord() throws Exception {
        f.withEmu();
        String missing = launchError(config().serial(new SerialPortConfig(0, new ConsoleSerialHandle())).build());
        assertEquals("no resolver for chipset_device_handle:serial_16550 at serial[0] — install or start bundle chipset",
                missing);
        f.registry.register(new TestResolver<>(TestHandles.Serial.class, ChipsetDevice.class, (h, c) -> {
            assertInstanceOf(ConsoleSerialHandle.class, h.backend());
            assertEquals(h.name().equals("com1") ? 4 : 3, h.irq());
            return new FakeDevice(h.name()).port(h.port(), 8);
        }), "chipset_device_handle", "serial_16550", "org.jvmm.chipset", 8);
        Vm vm = f.launch(config().serial(new SerialPortConfig(0, new ConsoleSerialHandle()))
                .serial(new SerialPortConfig(1, new ConsoleSerialHandle())).build());
        assertEquals("0x3f8-0x3ff", vm.inspect("chipset/com1/bus/port com1-io").orElseThrow());
        assertEquals("0x2f8-0x2ff", vm.inspect("chipset/com2/bus/port com2-io").orElseThrow());
    }

    @Test
    void conflictingDevicesNameBothAndReleaseWhatWasBuilt() {
        f.withEmu().withPowerDevice();
        String e = launchError(config().chipsetDevice(new TestHandles.Power("a", 0x92))
                .chipsetDevice(new TestHandles.Power("b", 0x92)).build());
        assertEquals("chipsetDevices[1]: port 0x92: b (b-io) conflicts with a (a-io)", e);
        assertTrue(f.emu.last.closed, "the partition of a failed launch is closed");
        GuestMemory mem = f.emu.last.memory();
        assertThrows(IllegalStateException.class, mem::segment, "its memory too");
    }

    @Test
    void kindsWithoutAttachmentAreNamedMissingOrNotImplemented() {
        f.withEmu();
        DiskConfig disk = new DiskConfig(new TestHandles.RamDisk(1 << 20), false, "virtio", null);
        assertEquals("no resolver for disk_handle:ram at disks[0].disk — install or start bundle storage-disk",
                launchError(config().disk(disk).build()));
        f.registry.register(new TestResolver<>(TestHandles.RamDisk.class, Object.class, (h, c) -> "a disk"),
                "disk_handle", "ram", "org.jvmm.storage.disk", 9);
        assertEquals("disks[0].disk: disk_handle:ram resolved, but attaching disks to a storage controller is not"
                + " implemented yet", launchError(config().disk(disk).build()));
    }

    @Test
    void linuxLoadModeNeedsItsLoaderBundle() {
        f.withEmu();
        assertEquals("no resolver for load_mode:linux at load — install or start bundle loader-linux",
                launchError(config().load(new LoadMode.LinuxDirect("bzImage", null, "", false)).build()));
    }

    @Test
    void bootLoaderRunsAtLaunchAndAfterEveryResetAndItsFailureIsNamed() throws Exception {
        f.withEmu();
        AtomicInteger loads = new AtomicInteger();
        BootLoader loader = ctx -> load(ctx, loads);
        f.registry.register(new TestResolver<>(LoadMode.LinuxDirect.class, BootLoader.class, (h, c) -> loader),
                "load_mode", "linux", "org.jvmm.loader.linux", 10);
        Vm vm = f.launch(config().load(new LoadMode.LinuxDirect("bzImage", null, "console=ttyS0", false)).build());
        assertEquals(1, loads.get());
        assertEquals(0x100000L, f.emu.last.vp(0).generalRegisters().rip());
        assertEquals("console=ttyS0", new String(vm.readMemory(0x20000, 13), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("bzImage", vm.inspect("boot/kernel/file").orElseThrow());
        vm.start();
        vm.reset();
        assertEquals(2, loads.get());
        assertEquals(0x100000L, f.emu.last.vp(0).generalRegisters().rip(), "set again after the reset");
        loads.set(-100);
        assertEquals("load_mode:linux at load failed: bzImage: No such file or directory",
                launchError(config().load(new LoadMode.LinuxDirect("bzImage", null, "", false)).build()));
    }

    private static void load(BootContext ctx, AtomicInteger loads) throws BootException {
        if (loads.incrementAndGet() < 0) { // the test sets a negative count to make the next load fail
            throw new BootException("bzImage: No such file or directory");
        }
        LoadMode.LinuxDirect linux = (LoadMode.LinuxDirect) ctx.loadMode();
        byte[] cmdline = linux.cmdline().getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        ctx.memory().write(0x20000, cmdline, 0, cmdline.length);
        GeneralRegisters r = ctx.partition().processor(0).generalRegisters();
        ctx.partition().processor(0).setGeneralRegisters(r.withRip(0x100000));
        ctx.publish("kernel", n -> n.field("file", linux.kernel()));
        assertEquals(1, ctx.processorCount());
        assertEquals(List.of(), ctx.chipsetDevices());
    }
}
