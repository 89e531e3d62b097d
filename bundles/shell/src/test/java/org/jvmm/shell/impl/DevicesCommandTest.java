package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmDevice.State;
import org.jvmm.vm.worker.VmState;

class DevicesCommandTest {
    private final FakeVmControl vm = new FakeVmControl() {
        @Override
        public List<VmDevice> listDevices() {
            return List.of(
                    new VmDevice("serial[0]", "chipset_device_handle:serial_16550", "org.jvmm.chipset", "chipset",
                            false, State.WAITING_FOR_PROVIDER, "x went away"),
                    new VmDevice("virtioDevices[0]", "pci_device_handle:virtio_pci", "org.jvmm.devices.virtio",
                            "port rp0", true, State.REMOVED, "virtio:virtio-blk (bundle org.jvmm.devices.virtio) went away"),
                    new VmDevice("virtioDevices[0].device", "virtio:virtio-blk", "org.jvmm.devices.virtio", "port rp0",
                            true, State.REMOVED, "virtio:virtio-blk (bundle org.jvmm.devices.virtio) went away"));
        }

        @Override
        public List<String> deviceEvents() {
            return List.of("12:00:00 something happened");
        }
    };

    @Test
    void listsEachDeviceWithItsBundleAndStateThenWhyTheVmIsPausedAndTheLatestEvents() {
        CurrentVm current = new CurrentVm();
        current.bindVm(vm, Map.of());
        DevicesCommand c = new DevicesCommand(current);
        vm.state = VmState.PAUSED;
        vm.reason = "x went away: serial[0] cannot be unplugged";

        assertEquals("""
                PATH                     KIND:ID                             BUNDLE                   PLACE     HOTPLUG  STATE
                serial[0]                chipset_device_handle:serial_16550  org.jvmm.chipset         chipset   no       waiting-for-provider (x went away)
                virtioDevices[0]         pci_device_handle:virtio_pci        org.jvmm.devices.virtio  port rp0  yes      removed (virtio:virtio-blk (bundle org.jvmm.devices.virtio) went away)
                virtioDevices[0].device  virtio:virtio-blk                   org.jvmm.devices.virtio  port rp0  yes      removed
                VM paused: x went away: serial[0] cannot be unplugged
                hot-swap:
                  12:00:00 something happened""", c.devices().toString());
    }

    @Test
    void withoutAVmSaysSo() {
        assertEquals(VmCommands.NO_VM, new DevicesCommand(new CurrentVm()).devices());
    }
}
