package org.jvmm.vm.worker.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.vm.worker.impl.WorkerFixture.config;
import static org.jvmm.vm.worker.impl.WorkerFixture.eventually;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.fake.FakeFunction;
import org.jvmm.vm.worker.impl.fake.TestHandles;

/** Device providers leaving and returning under a running VM: hot-remove and re-add, or pause and resume. */
class DeviceHotSwapTest {
    private final HotSwapFixture h = new HotSwapFixture();

    @AfterEach
    void stopAll() {
        h.close();
    }

    private Vm launch(org.jvmm.vm.config.VmConfig.Builder b) throws Exception {
        return h.f.launch(b.chipsetDevice(new TestHandles.Power("power", 0xf4)).chipsetDevice(new TestHandles.PciHost())
                .build());
    }

    @Test
    void everyResolvedHandleIsListedWithItsBundlePlaceAndState() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp0")).virtioDevice(HotSwapFixture.blkAt("rp1")));

        assertEquals(List.of(
                row("chipsetDevices[0]", "chipset_device_handle:test_power", "org.jvmm.test.power", "chipset", false),
                row("chipsetDevices[1]", "chipset_device_handle:test_pci_host", "org.jvmm.test.pci", "chipset", false),
                row("virtioDevices[0]", "pci_device_handle:virtio_pci", HotSwapFixture.VIRTIO, "port rp0", true),
                row("virtioDevices[0].device", "virtio:test_blk", HotSwapFixture.VIRTIO, "port rp0", true),
                row("virtioDevices[0].device.disk", "disk_handle:ram", HotSwapFixture.DISK, "port rp0", true),
                row("virtioDevices[1]", "pci_device_handle:virtio_pci", HotSwapFixture.VIRTIO, "port rp1", false),
                row("virtioDevices[1].device", "virtio:test_blk", HotSwapFixture.VIRTIO, "port rp1", false),
                row("virtioDevices[1].device.disk", "disk_handle:ram", HotSwapFixture.DISK, "port rp1", false)),
                vm.listDevices());
        assertEquals("active", vm.inspect("devices/virtioDevices[0].device.disk/state").orElseThrow());
        assertEquals(HotSwapFixture.DISK, vm.inspect("devices/virtioDevices[0].device.disk/bundle").orElseThrow());
    }

    @Test
    void aHotPluggableDeviceLeavesWithItsProviderAndComesBackAtTheSamePort() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp0")));
        vm.start();
        FakeFunction first = h.functions.getFirst();

        h.stopVirtio();
        eventually("removed", () -> state(vm, "virtioDevices[0]") == VmDevice.State.REMOVED);
        assertEquals(VmState.RUNNING, vm.state(), "the VM keeps running");
        assertTrue(first.closed, "the removed function is closed");
        assertEquals(List.of("attach fn1 at port rp0", "button fn1"), h.host().log.subList(0, 2));
        assertTrue(vm.devices(FakeFunction.class).isEmpty(), "off the chipset bus");
        assertTrue(vm.deviceEvents().stream().anyMatch(e -> e.endsWith("pci_device_handle:virtio_pci (bundle "
                + HotSwapFixture.VIRTIO + ") went away: removed the device behind rp0; it comes back when the bundle"
                + " returns")), vm.deviceEvents()::toString);
        assertEquals(Optional.empty(), vm.stopReason());

        h.startVirtio();
        eventually("active again", () -> vm.deviceEvents().getLast().contains(" is back"));
        assertEquals(VmDevice.State.ACTIVE, state(vm, "virtioDevices[0]"));
        FakeFunction second = h.functions.getLast();
        assertNotSame(first, second, "the handle was resolved again");
        assertEquals(List.of(second), vm.devices(FakeFunction.class));
        assertEquals("attach fn2 at port rp0", h.host().log.getLast());
        assertEquals(List.of("blk", "ram 1048576"), second.backend, "with its disk resolved again");
        assertTrue(vm.deviceEvents().getLast().endsWith("pci_device_handle:virtio_pci is back: added the device behind"
                + " rp0 again at 01:00.0"), vm.deviceEvents()::toString);
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void theProviderOfASubResourceGoingAwayRemovesItsDeviceToo() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp0")));
        vm.start();

        h.stopDisk();
        eventually("removed", () -> state(vm, "virtioDevices[0].device.disk") == VmDevice.State.REMOVED);
        assertTrue(h.functions.getFirst().closed);
        h.startDisk();
        eventually("active again", () -> state(vm, "virtioDevices[0]") == VmDevice.State.ACTIVE);
        assertEquals(2, h.functions.size());
    }

    @Test
    void anOrderlyRemovalWaitsForTheGuestToReleaseTheDevice() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp0")));
        vm.start();
        h.host().guestReleases = false;

        h.stopVirtio();
        eventually("button pressed", () -> h.host().pending.size() == 1);
        assertEquals(VmDevice.State.REMOVING, state(vm, "virtioDevices[0]"));
        assertFalse(h.functions.getFirst().closed, "the guest may still use it");
        h.startVirtio();
        Thread.sleep(50);
        assertEquals(VmDevice.State.REMOVING, state(vm, "virtioDevices[0]"), "not back before it is gone");

        h.host().pending.getFirst().complete(null);
        eventually("back", () -> state(vm, "virtioDevices[0]") == VmDevice.State.ACTIVE && h.functions.size() == 2);
        assertTrue(h.functions.getFirst().closed);
    }

    @Test
    void aDeviceThatCannotBeUnpluggedPausesTheVmUntilItsProviderReturns() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp1")));
        vm.start();
        FakeFunction fn = h.functions.getFirst();

        h.stopVirtio();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        assertEquals(VmDevice.State.WAITING_FOR_PROVIDER, state(vm, "virtioDevices[0]"));
        assertEquals(Optional.of("pci_device_handle:virtio_pci (bundle " + HotSwapFixture.VIRTIO + ") went away:"
                + " virtioDevices[0] (pci_device_handle:virtio_pci) cannot be unplugged; the VM is paused until the"
                + " bundle returns"), vm.stopReason());
        assertFalse(fn.closed);

        h.startVirtio();
        eventually("running", () -> vm.state() == VmState.RUNNING);
        assertEquals(VmDevice.State.ACTIVE, state(vm, "virtioDevices[0]"));
        assertEquals(List.of(fn), vm.devices(FakeFunction.class), "it goes on with its running instance");
        assertEquals(Optional.empty(), vm.stopReason());
    }

    @Test
    void aChipsetDeviceProviderGoingAwayPausesTheVmAndItsReturnResumesIt() throws Exception {
        Vm vm = launch(config());
        vm.start();

        h.stopPower();
        eventually("paused", () -> vm.state() == VmState.PAUSED);
        assertEquals(VmDevice.State.WAITING_FOR_PROVIDER, state(vm, "chipsetDevices[0]"));
        assertEquals(VmDevice.State.ACTIVE, state(vm, "chipsetDevices[1]"));
        assertTrue(vm.stopReason().orElseThrow().startsWith("chipset_device_handle:test_power (bundle "
                + HotSwapFixture.POWER + ") went away"));
        h.startPower();
        eventually("running", () -> vm.state() == VmState.RUNNING);
        assertEquals(VmDevice.State.ACTIVE, state(vm, "chipsetDevices[0]"));
    }

    @Test
    void aVmPausedByTheUserStaysPausedWhenTheProviderReturns() throws Exception {
        Vm vm = launch(config());
        vm.start();
        vm.pause();

        h.stopPower();
        eventually("waiting", () -> state(vm, "chipsetDevices[0]") == VmDevice.State.WAITING_FOR_PROVIDER);
        h.startPower();
        eventually("active", () -> state(vm, "chipsetDevices[0]") == VmDevice.State.ACTIVE);
        assertEquals(VmState.PAUSED, vm.state());
    }

    @Test
    void anotherProviderOfTheSameKindGoingAwayLeavesTheDeviceAlone() throws Exception {
        Vm vm = launch(config());
        vm.start();

        var other = h.f.registry.register(new org.jvmm.vm.worker.impl.fake.TestResolver<>(TestHandles.Power.class,
                org.jvmm.chipset.api.ChipsetDevice.class, (x, c) -> null), "chipset_device_handle", "test_power",
                "org.jvmm.other", 99);
        other.close();
        Thread.sleep(50);
        assertEquals(VmDevice.State.ACTIVE, state(vm, "chipsetDevices[0]"));
        assertEquals(VmState.RUNNING, vm.state());
    }

    @Test
    void unplugForgetsADeviceRemovedWithItsProvider() throws Exception {
        Vm vm = launch(config().virtioDevice(HotSwapFixture.blkAt("rp0")));
        vm.start();
        h.stopVirtio();
        eventually("removed", () -> state(vm, "virtioDevices[0]") == VmDevice.State.REMOVED);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> vm.addPciDevice("rp0", new TestHandles.Blk(new TestHandles.RamDisk(4096))));
        assertTrue(e.getMessage().startsWith("port rp0: its device pci_device_handle:virtio_pci is removed"),
                e.getMessage());

        vm.removePciDevice("rp0");
        assertTrue(vm.listDevices().stream().noneMatch(d -> d.path().startsWith("virtioDevices")));
        h.startVirtio();
        Thread.sleep(50);
        assertEquals(1, h.functions.size(), "a forgotten device does not come back");
    }

    @Test
    void aDeviceHotAddedFromTheShellIsTrackedAndSwappedToo() throws Exception {
        Vm vm = launch(config());
        vm.start();
        assertEquals("01:00.0", vm.addPciDevice("rp0", new TestHandles.Blk(new TestHandles.RamDisk(4096))));
        assertEquals(VmDevice.State.ACTIVE, state(vm, "hotplug[rp0].device.disk"));

        h.stopVirtio();
        eventually("removed", () -> state(vm, "hotplug[rp0]") == VmDevice.State.REMOVED);
        h.startVirtio();
        eventually("back", () -> state(vm, "hotplug[rp0]") == VmDevice.State.ACTIVE);
        vm.removePciDevice("rp0");
        assertTrue(vm.listDevices().stream().noneMatch(d -> d.path().startsWith("hotplug")));
    }

    private static VmDevice row(String path, String key, String bundle, String place, boolean hotPluggable) {
        return new VmDevice(path, key, bundle, place, hotPluggable, VmDevice.State.ACTIVE, "");
    }

    private static VmDevice.State state(Vm vm, String path) {
        return vm.listDevices().stream().filter(d -> d.path().equals(path)).findFirst().orElseThrow().state();
    }
}
