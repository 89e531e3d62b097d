package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.FakeChipsetServices;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.TestDiskHandle;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioPciResolverTest {
    GuestMemory mem = TestRam.flat(1 << 20);
    FakeChipsetServices services = new FakeChipsetServices(mem);
    VirtioPciResolver resolver = new VirtioPciResolver();

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void resolvesTheVirtioDeviceIntoAPciFunction() throws Exception {
        VirtioRngHandle rng = new VirtioRngHandle();
        FakeResolveContext ctx = new FakeResolveContext(services).answer(rng, new VirtioRng(new Random(1)));
        ChipsetDevice device = resolver.resolve(new VirtioPciHandle(rng), ctx);
        assertEquals("virtio[0].device", ctx.askedAt(rng));
        assertEquals("virtio-rng@virtio[0]", device.name());
        PciConfigIntercept pci = device.pciConfig().orElseThrow();
        assertNull(pci.preferredAddress());
        PciConfigSpace space = assertInstanceOf(PciConfigSpace.class, pci);
        assertEquals(0x1044, space.identity().deviceId(), "0x1040 + virtio-rng's 4");
        assertTrue(device.mmio().isEmpty() && device.acpi().isEmpty(), "found by PCI enumeration only");
    }

    @Test
    void needsTheChipsetServicesInput() {
        VirtioRngHandle rng = new VirtioRngHandle();
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(new VirtioPciHandle(rng),
                new FakeResolveContext().answer(rng, new VirtioRng(new Random(1)))));
        assertTrue(e.getMessage().contains("pci_device_handle:virtio_pci"), e.getMessage());
        assertTrue(e.getMessage().contains("ChipsetServices"), e.getMessage());
    }

    @Test
    void theDeviceMustBeAVirtioHandle() {
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioPciHandle(new TestDiskHandle("x")), new FakeResolveContext(services)));
        assertTrue(e.getMessage().contains("device must be a virtio handle, got disk_handle:test"), e.getMessage());
    }

    @Test
    void aMissingDeviceResolverIsReportedAtTheDevicePath() {
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioPciHandle(new VirtioRngHandle()), new FakeResolveContext(services)));
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("virtio[0].device", e.path());
    }

    @Test
    void aBadDeviceIsRefusedAndClosed() {
        VirtioRngHandle rng = new VirtioRngHandle();
        EchoDevice bad = new EchoDevice(0, 1, 3);
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(new VirtioPciHandle(rng),
                new FakeResolveContext(services).answer(rng, bad)));
        assertTrue(e.getMessage().contains("queue 0 size 3"), e.getMessage());
        assertTrue(bad.closed);
    }
}
