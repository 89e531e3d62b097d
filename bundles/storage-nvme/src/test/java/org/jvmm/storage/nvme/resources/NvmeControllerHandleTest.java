package org.jvmm.storage.nvme.resources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.jvmm.storage.disk.resources.DiskHandleTypes;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.nvme.impl.core.ControllerIdentity;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class NvmeControllerHandleTest {
    private static final RamDiskHandle DISK = RamDiskHandle.of(1 << 20);

    @Test
    void roundTripsThroughJson() throws Exception {
        NvmeControllerHandle h = new NvmeControllerHandle("nvme1", "6f1e4a3c-2b7d-4e58-9a0b-1c2d3e4f5a6b", "S1", 4, 5,
                List.of(new NvmeNamespaceConfig(2, DISK, true)));
        ObjectMapper mapper = HandleJson.mapper();
        String json = mapper.writeValueAsString(h);
        ResourceHandle back = HandleJson.reader(mapper, NvmeHandleTypes.all().merge(DiskHandleTypes.all()))
                .forType(ResourceHandle.class).readValue(json);
        assertEquals(h, back);
        assertEquals("pci_device_handle:nvme", back.key());
    }

    @Test
    void defaults() {
        ControllerIdentity id = ControllerIdentity.of(NvmeControllerHandle.of(List.of()));
        assertEquals("nvme", id.name());
        assertEquals(16, id.maxIoQueues());
        assertEquals(17, id.msixCount());
        assertEquals(20, id.serial().length());
        assertEquals(id, ControllerIdentity.of(NvmeControllerHandle.of(null)), "stable: derived from the name");
    }

    @Test
    void invalidFieldsNameTheHandleAndField() {
        assertEquals("pci_device_handle:nvme: serial must be 1..20 printable ASCII characters, got '"
                + "x".repeat(21) + "'", message(() -> new NvmeControllerHandle(null, null, "x".repeat(21), 0, 0, null)));
        assertEquals("pci_device_handle:nvme: subsystemId must be a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx),"
                + " got 'nope'", message(() -> new NvmeControllerHandle(null, "nope", null, 0, 0, null)));
        assertEquals("pci_device_handle:nvme: maxIoQueues must be 1..256 (0 for the default), got 300",
                message(() -> new NvmeControllerHandle(null, null, null, 300, 0, null)));
        assertEquals("pci_device_handle:nvme: msixCount must be 1..2048 (0 for the default), got -1",
                message(() -> new NvmeControllerHandle(null, null, null, 0, -1, null)));
        assertEquals("pci_device_handle:nvme: namespace id 3 is used twice", message(() -> NvmeControllerHandle.of(
                List.of(new NvmeNamespaceConfig(3, DISK, false), new NvmeNamespaceConfig(3, DISK, false)))));
        assertEquals("pci_device_handle:nvme: namespace id must be 1..256, got 0",
                message(() -> new NvmeNamespaceConfig(0, DISK, false)));
        assertEquals("pci_device_handle:nvme: namespace 1 must be a disk_handle, got pci_device_handle:nvme",
                message(() -> new NvmeNamespaceConfig(1, NvmeControllerHandle.of(null), false)));
        assertEquals("pci_device_handle:nvme: name must be non-empty without '/', got 'a/b'",
                message(() -> new NvmeControllerHandle("a/b", null, null, 0, 0, null)));
    }

    private static String message(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }
}
