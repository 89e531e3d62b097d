package org.jvmm.vm.worker.impl.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vm.worker.impl.fake.TestHandles;

class HandleTreeTest {
    @Test
    void subHandlesAreFoundInComponentsAndListsWithTheirPaths() {
        VirtioPciHandle h = new VirtioPciHandle(new TestHandles.Blk(new TestHandles.Layered(
                List.of(new TestHandles.RamDisk(1), new TestHandles.RamDisk(2)), false)));

        List<String> found = HandleTree.walk("virtioDevices[0]", h).stream().map(n -> n.path() + " " + n.key())
                .toList();

        assertEquals(List.of("virtioDevices[0] pci_device_handle:virtio_pci",
                "virtioDevices[0].device virtio:test_blk",
                "virtioDevices[0].device.disk disk_handle:test_layered",
                "virtioDevices[0].device.disk.layers[0] disk_handle:ram",
                "virtioDevices[0].device.disk.layers[1] disk_handle:ram"), found);
    }
}
