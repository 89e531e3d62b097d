package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.serial.ConsoleInput;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.impl.RegistryCore;
import org.junit.jupiter.api.Test;

class RuntimeCommandsTest {
    private final List<String> seen = new ArrayList<>();
    private final FakeVmControl vm = new FakeVmControl() {
        @Override
        public void pulseSaveRestore() throws SnapshotException {
            seen.add("pulse");
            if (reason != null) {
                throw new SnapshotException(reason);
            }
        }

        @Override
        public void restart() throws SnapshotException {
            seen.add("restart");
            if (reason != null) {
                throw new SnapshotException(reason);
            }
        }

        @Override
        public List<String> deviceEvents() {
            return List.of("03:28:17 the worker restarted in 75 ms: every part was built again");
        }

        @Override
        public void clearHalt() {
            seen.add("clear-halt");
        }

        @Override
        public String addPciDevice(String port, ResourceHandle device) {
            seen.add("add " + port + " " + device.key());
            return "01:00.0";
        }

        @Override
        public void removePciDevice(String port) {
            seen.add("remove " + port);
        }

        @Override
        public List<VmDevice> listDevices() {
            return List.of(new VmDevice("hotplug.rp0", "pci_device_handle:virtio-pci", "b", "port rp0", true,
                    VmDevice.State.ACTIVE, ""), new VmDevice("hotplug.rp0.device", "virtio:virtio-blk", "b",
                    "port rp0", true, VmDevice.State.ACTIVE, ""), new VmDevice("hotplug.rp1.device",
                    "virtio:virtio-rng", "b", "port rp1", true, VmDevice.State.ACTIVE, ""));
        }
    };

    private RuntimeCommands commands() {
        CurrentVm current = new CurrentVm();
        current.bindVm(vm, Map.of());
        return new RuntimeCommands(new RegistryCore(null, (m, t) -> { }), current);
    }

    @Test
    void pulseAndClearHaltReachTheVmAndFailuresAreSaid() {
        RuntimeCommands c = commands();
        assertTrue(String.valueOf(c.pulseSaveRestore(List.of())).startsWith("every state unit saved and restored"));
        vm.reason = "device nvme0 cannot save its state";
        assertEquals("pulse-save-restore: device nvme0 cannot save its state", c.pulseSaveRestore(List.of()));
        assertEquals("halt cleared; the VM is running", c.clearHalt(List.of()));
        assertEquals(List.of("pulse", "pulse", "clear-halt"), seen);
    }

    @Test
    void restartReachesTheVmAndSaysWhatHappened() {
        RuntimeCommands c = commands();
        assertEquals("03:28:17 the worker restarted in 75 ms: every part was built again; the VM is "
                + vm.state().name().toLowerCase(), c.restart());
        vm.reason = "cannot restart the worker while virtio:virtio-blk at virtioDevices[0] is waiting for its provider";
        assertEquals("restart: " + vm.reason, c.restart());
        assertEquals(List.of("restart", "restart"), seen);
    }

    @Test
    void addDiskNeedsAPortAndRmDiskOnlyRemovesDisks() {
        RuntimeCommands c = commands();
        assertThrows(IllegalArgumentException.class, () -> c.addDisk(List.of("mem:1M")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.removeDisk(List.of("rp1")));
        assertTrue(e.getMessage().startsWith("no disk added with vm:add-disk is behind rp1"), e.getMessage());
        assertEquals("removed the disk behind rp0", c.removeDisk(List.of("rp0")));
        assertEquals(List.of("remove rp0"), seen);
    }

    @Test
    void addDiskWithoutTheVirtioBundleSaysSo() {
        RuntimeCommands c = commands();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> c.addDisk(List.of("mem:1M,pcie_port=rp0")));
        assertTrue(e.getMessage().startsWith("virtio-blk is not available"), e.getMessage());
    }

    @Test
    void inputTypesTheLineIntoTheConsole() throws Exception {
        RuntimeCommands c = commands();
        assertEquals(ConsoleCommand.NO_CONSOLE, c.input("ls"));
        ByteArrayOutputStream typed = new ByteArrayOutputStream();
        c.console = new ConsoleInput() {
            @Override
            public boolean available() {
                return true;
            }

            @Override
            public boolean type(byte[] bytes, int offset, int length) {
                typed.write(bytes, offset, length);
                return true;
            }
        };
        assertEquals("typed 10 bytes", c.input("echo", "hi", "x"));
        assertEquals("echo hi x\n", typed.toString(StandardCharsets.UTF_8));
    }
}
