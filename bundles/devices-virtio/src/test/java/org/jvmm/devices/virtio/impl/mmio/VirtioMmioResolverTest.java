package org.jvmm.devices.virtio.impl.mmio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.FakeChipsetServices;
import org.jvmm.devices.virtio.driver.FakeResolveContext;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.TestDiskHandle;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.jvmm.devices.virtio.resources.VirtioRngHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.vm.config.VirtioMmioHandle;
import org.jvmm.vmm.resource.ResolveException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VirtioMmioResolverTest {
    GuestMemory mem = TestRam.flat(1 << 20);
    FakeChipsetServices services = new FakeChipsetServices(mem);
    VirtioMmioResolver resolver = new VirtioMmioResolver();

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void resolvesTheVirtioDeviceAndWiresTheGsi() throws Exception {
        VirtioRngHandle rng = new VirtioRngHandle();
        FakeResolveContext ctx = new FakeResolveContext(services).answer(rng, new VirtioRng(new Random(1)));
        ChipsetDevice device = resolver.resolve(new VirtioMmioHandle(rng, 0xFEB0_0000L, 7), ctx);
        assertEquals("virtio[0].device", ctx.askedAt(rng));
        assertEquals("virtio-rng@feb00000", device.name());
        assertEquals(List.of(7), device.acpi().orElseThrow().interrupts());
        MmioGuest guest = new MmioGuest(device.mmio().orElseThrow(), 0xFEB0_0000L);
        assertEquals(4, guest.read(MmioGuest.DEVICE_ID));
        guest.write(MmioGuest.STATUS, MmioGuest.ACKNOWLEDGE);
        assertEquals(MmioGuest.ACKNOWLEDGE, guest.status());
    }

    @Test
    void needsTheChipsetServicesInput() {
        VirtioRngHandle rng = new VirtioRngHandle();
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioMmioHandle(rng, 0xFEB0_0000L, 7), new FakeResolveContext().answer(rng, new VirtioRng(new Random(1)))));
        assertTrue(e.getMessage().contains("chipset_device_handle:virtio_mmio"), e.getMessage());
        assertTrue(e.getMessage().contains("ChipsetServices"), e.getMessage());
    }

    @Test
    void theDeviceMustBeAVirtioHandle() {
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioMmioHandle(new TestDiskHandle("x"), 0xFEB0_0000L, 7), new FakeResolveContext(services)));
        assertTrue(e.getMessage().contains("device must be a virtio handle, got disk_handle:test"), e.getMessage());
    }

    @Test
    void aMissingDeviceResolverIsReportedAtTheDevicePath() {
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioMmioHandle(new VirtioRngHandle(), 0xFEB0_0000L, 7), new FakeResolveContext(services)));
        assertEquals(ResolveException.Reason.MISSING, e.reason());
        assertEquals("virtio[0].device", e.path());
    }

    @Test
    void aBadDeviceIsRefusedAndClosed() {
        VirtioRngHandle rng = new VirtioRngHandle();
        EchoDevice bad = new EchoDevice(0, 1, 3);
        ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                new VirtioMmioHandle(rng, 0xFEB0_0000L, 7), new FakeResolveContext(services).answer(rng, bad)));
        assertTrue(e.getMessage().contains("queue 0 size 3"), e.getMessage());
        assertTrue(bad.closed);
    }
}
