package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.storage.disk.resources.RamDiskHandle;
import org.jvmm.storage.nvme.api.NvmeNamespaceInfo;
import org.jvmm.storage.nvme.api.NvmeNamespaces;
import org.jvmm.storage.nvme.driver.FakeChipsetServices;
import org.jvmm.storage.nvme.driver.FakeResolveContext;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.TestRam;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.jvmm.storage.nvme.resources.NvmeNamespaceConfig;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NvmeControllerResolverTest {
    private final GuestMemory memory = TestRam.flat(1 << 20);
    private final NvmeControllerResolver resolver = new NvmeControllerResolver();
    private final RamDiskHandle a = RamDiskHandle.of(1 << 20);
    private final RamDiskHandle b = RamDiskHandle.of(2 << 20);
    private final NvmeControllerHandle handle = new NvmeControllerHandle("nvme0", null, null, 2, 0,
            List.of(new NvmeNamespaceConfig(1, a, false), new NvmeNamespaceConfig(5, b, true)));

    @AfterEach
    void close() {
        memory.close();
    }

    @Test
    void resolvesTheNamespacesDisksAtTheirPaths() throws Exception {
        MemDisk da = new MemDisk(512, 2048, false, false);
        MemDisk db = new MemDisk(4096, 512, false, false);
        FakeResolveContext ctx = new FakeResolveContext(new FakeChipsetServices(memory)).answer(a, da).answer(b, db);
        ChipsetDevice device = resolver.resolve(handle, ctx);
        assertEquals("pciDevices[0].namespaces[0].disk", ctx.askedAt.get(a));
        assertEquals("pciDevices[0].namespaces[1].disk", ctx.askedAt.get(b));
        assertEquals("nvme0", device.name());
        assertTrue(device.pciConfig().isPresent());
        NvmeNamespaces ns = assertInstanceOf(NvmeNamespaces.class, device);
        assertEquals(List.of(new NvmeNamespaceInfo(1, 512, 2048, false), new NvmeNamespaceInfo(5, 4096, 512, true)),
                ns.namespaces());
        ((AutoCloseable) device).close();
        assertTrue(da.closed && db.closed, "closing the controller closes its disks");
    }

    @Test
    void needsChipsetServices() {
        ResolveException e = assertThrows(ResolveException.class,
                () -> resolver.resolve(handle, new FakeResolveContext()));
        assertTrue(e.getMessage().startsWith("pci_device_handle:nvme at pciDevices[0] failed: no ChipsetServices"),
                e.getMessage());
    }

    @Test
    void aMissingDiskResolverClosesTheDisksAlreadyResolved() {
        MemDisk da = new MemDisk(512, 2048, false, false);
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(handle,
                new FakeResolveContext(new FakeChipsetServices(memory)).answer(a, da)));
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("pciDevices[0].namespaces[1].disk", e.path());
        assertTrue(da.closed);
    }

    @Test
    void anUnusableDiskFailsTheController() {
        MemDisk da = new MemDisk(512, 2048, false, false);
        MemDisk odd = new MemDisk(520, 16, false, false);
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(handle,
                new FakeResolveContext(new FakeChipsetServices(memory)).answer(a, da).answer(b, odd)));
        assertTrue(e.getMessage().contains("namespace 5: disk sector size 520"), e.getMessage());
        assertTrue(da.closed && odd.closed);
    }
}
