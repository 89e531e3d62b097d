package org.jvmm.vm.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.config.TestHandles.Consomme;
import org.jvmm.vm.config.TestHandles.FileDisk;
import org.jvmm.vm.config.TestHandles.Nvme;
import org.jvmm.vm.config.TestHandles.Pic;
import org.jvmm.vm.config.TestHandles.VirtioRng;
import org.jvmm.vmm.resource.HandleTypes;

class VmConfigJsonTest {

    static VmConfig full() {
        return VmConfig.builder()
                .load(new LoadMode.LinuxDirect("/boot/vmlinuz", "/tmp/initrd.cpio", "console=ttyS0", false))
                .memory(new MemoryConfig(512L << 20, "/dev/shm/ram", true))
                .processors(4)
                .hypervisor(new HypervisorChoice("kvm", true))
                .serial(new SerialPortConfig(0, new ConsoleSerialHandle()))
                .serial(new SerialPortConfig(1, new FileSerialHandle("/tmp/com2.log")))
                .serial(new SerialPortConfig(2, new TcpSerialHandle("127.0.0.1:4444")))
                .serial(new SerialPortConfig(3, new NoneSerialHandle()))
                .chipsetDevice(new Pic())
                .pciDevice(new Nvme(64))
                .virtioDevice(new VirtioDeviceConfig(new VirtioRng(), "pci", "rp0"))
                .disk(new DiskConfig(new FileDisk("/d.img", false), true, "virtio", null))
                .disk(new DiskConfig(new FileDisk("/e.img", true), false, "nvme", "rp1"))
                .nic(new NicConfig(new Consomme("10.0.0.0/24"), "00:15:5d:12:34:56", "virtio", null))
                .paused(true)
                .deterministic(true)
                .guestActions(new GuestActions(GuestAction.HALT, GuestAction.parse("exit:7"), GuestAction.RESET))
                .build();
    }

    @Test
    void fullConfigRoundTrips() throws Exception {
        VmConfig config = full();
        String json = VmConfigJson.write(config);
        assertEquals(config, VmConfigJson.read(json, TestHandles.TYPES));
        assertEquals(json, VmConfigJson.write(VmConfigJson.read(json, TestHandles.TYPES)));
        assertTrue(json.contains("\"onPowerOff\" : \"exit:7\""), json);
    }

    @Test
    void everyLoadModeRoundTrips() throws Exception {
        for (LoadMode mode : List.of(new LoadMode.Uefi("/usr/share/OVMF/OVMF_CODE.fd", null),
                new LoadMode.None(), new LoadMode.LinuxDirect("/k", null, "", true))) {
            VmConfig c = VmConfig.builder().load(mode).build();
            assertEquals(c, VmConfigJson.read(VmConfigJson.write(c), HandleTypes.EMPTY));
        }
    }

    @Test
    void jsonShapeIsStable() {
        String json = VmConfigJson.write(full());
        assertTrue(json.startsWith("{\n  \"load\" : {\n    \"mode\" : \"linux\",\n    \"kernel\" : \"/boot/vmlinuz\","),
                json);
        assertTrue(json.contains("\"processors\" : 4,"), json);
        assertTrue(json.contains("\"backend\" : {\n        \"resource\" : \"serial_handle:console\"\n      }"), json);
        assertTrue(json.contains("\"resource\" : \"disk_handle:file\""), json);
        assertTrue(json.indexOf("\"load\"") < json.indexOf("\"memory\"")
                && json.indexOf("\"disks\"") < json.indexOf("\"nics\""), json);
        assertFalse(json.contains("\"key\""), json);
        assertTrue(json.endsWith("}\n"));
    }

    @Test
    void loadModesAreLoadModeHandles() {
        assertEquals("load_mode:linux", new LoadMode.LinuxDirect("/k", null, null, false).key());
        assertEquals("load_mode:uefi", new LoadMode.Uefi("/fw", "/vars").key());
        assertEquals("load_mode:none", new LoadMode.None().key());
    }

    @Test
    void minimalJsonTakesDefaults() throws Exception {
        VmConfig c = VmConfigJson.read("{\"load\":{\"mode\":\"none\"},\"memory\":{\"sizeBytes\":1048576},"
                + "\"processors\":1}", HandleTypes.EMPTY);
        assertEquals(HypervisorChoice.AUTO, c.hypervisor());
        assertEquals(List.of(), c.disks());
        assertFalse(c.paused());
    }

    @Test
    void builtinTypesAreTheSerialHandles() {
        assertEquals(List.of("serial_handle:console", "serial_handle:file", "serial_handle:none",
                "serial_handle:stderr", "serial_handle:tcp", "serial_handle:unix"), List.copyOf(VmConfigJson.builtinTypes().keys()));
    }
}
