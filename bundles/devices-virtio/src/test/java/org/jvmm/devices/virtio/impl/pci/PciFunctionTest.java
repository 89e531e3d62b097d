package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.impl.pci.PciDriver.*;

import java.util.List;
import java.util.Random;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.impl.blk.VirtioBlk;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the guest finds in configuration space: ids, the BAR, the capabilities. */
class PciFunctionTest {
    PciBench bench = new PciBench(new VirtioBlk(MemDisk.of(64), false));

    @AfterEach
    void close() {
        bench.close();
    }

    @Test
    void identifiesAsAModernVirtioFunction() {
        PciGuest pci = bench.pci;
        assertEquals(0x1AF4, pci.cfgWord(0x00));
        assertEquals(0x1042, pci.cfgWord(0x02), "0x1040 + virtio-blk's id 2");
        assertEquals(1, pci.cfgByte(0x08), "revision 1");
        assertEquals(0x01_8000, pci.cfgRead(0x08) >>> 8, "mass storage, other");
        assertEquals(0x1AF4, pci.cfgWord(0x2C));
        assertEquals(0x1100, pci.cfgWord(0x2E));
        assertEquals(0, pci.cfgByte(0x0E), "type-0 header");
        assertEquals(1, pci.cfgByte(0x3D), "INTA");
        assertNull(bench.config.preferredAddress(), "the PCI host places it");
        assertTrue(bench.transport.pciConfig().isPresent());
        assertTrue(bench.transport.mmio().isEmpty(), "all its MMIO is the BAR");
    }

    @Test
    void classCodesFollowTheDeviceType() {
        assertEquals(0x02_0000, PciLayout.classCode(VirtioDeviceIds.NET));
        assertEquals(0x07_8000, PciLayout.classCode(VirtioDeviceIds.CONSOLE));
        assertEquals(0x07_8000, PciLayout.classCode(VirtioDeviceIds.VSOCK));
        assertEquals(0x01_8000, PciLayout.classCode(VirtioDeviceIds.FS));
        assertEquals(0xFF_0000, PciLayout.classCode(VirtioDeviceIds.ENTROPY));
        assertEquals(0xFF_0000, PciLayout.classCode(VirtioDeviceIds.PMEM));
        assertEquals(0x105A, PciLayout.identity(VirtioDeviceIds.FS).deviceId());
        assertThrows(IllegalArgumentException.class, () -> PciLayout.identity(0));
    }

    @Test
    void hasOne64BitPrefetchableMemoryBarOf32KiBMappedWhereProgrammed() {
        PciBench fresh = new PciBench(new VirtioRng(new Random(1)));
        try {
            assertEquals(0x8000, fresh.pci.programBar(0x20_0000_0000L));
            assertEquals(0xC, fresh.pci.cfgRead(0x20) & 0xF, "64-bit, prefetchable memory");
            for (int reg = 0x10; reg <= 0x1C; reg += 4) {
                fresh.pci.cfgWrite(reg, 4, -1);
                assertEquals(0, fresh.pci.cfgRead(reg), "BAR register 0x" + Integer.toHexString(reg) + " unused");
            }
            assertEquals(List.of(new MmioRange("01:00.0 BAR4", 0x20_0000_0000L, 0x8000)), fresh.host.ranges());
            fresh.pci.setCommand(0);
            assertEquals(List.of(), fresh.host.ranges(), "memory decoding off unmaps the BAR");
        } finally {
            fresh.close();
        }
    }

    @Test
    void capabilitiesAnnounceEachStructureInBar4() {
        PciGuest pci = bench.pci;
        assertEquals(new PciGuest.Cap(pci.cap(COMMON).pos(), COMMON, 4, 0x0000, 0x40), pci.cap(COMMON));
        assertEquals(new PciGuest.Cap(pci.cap(NOTIFY).pos(), NOTIFY, 4, 0x3000, 4), pci.cap(NOTIFY),
                "one 4-byte doorbell for blk's one queue");
        assertEquals(new PciGuest.Cap(pci.cap(ISR).pos(), ISR, 4, 0x1000, 4), pci.cap(ISR));
        assertEquals(new PciGuest.Cap(pci.cap(DEVICE).pos(), DEVICE, 4, 0x2000, 60), pci.cap(DEVICE),
                "virtio-blk's config");
        assertEquals(PCI_CFG, pci.cap(PCI_CFG).type());
        assertEquals(4, pci.notifyMultiplier);
        assertEquals(16, pci.cfgByte(pci.cap(COMMON).pos() + 2), "cap_len");
        assertEquals(20, pci.cfgByte(pci.cap(NOTIFY).pos() + 2), "cap_len with notify_off_multiplier");
        assertEquals(20, pci.cfgByte(pci.cap(PCI_CFG).pos() + 2), "cap_len with pci_cfg_data");
        assertEquals(2, pci.msixTableSize(), "config vector + one per queue");
        assertEquals(PciBench.BAR_ADDRESS + 0x4000, pci.msixTable());
        assertEquals(PciBench.BAR_ADDRESS + 0x5000, pci.msixPba());
        assertTrue(bench.config.pcie().isPresent(), "a PCI Express endpoint");
    }

    @Test
    void aDeviceWithoutConfigSpaceHasNoDeviceCapability() {
        try (PciBench rng = new PciBench(new VirtioRng(new Random(1)))) {
            assertFalse(rng.pci.caps.containsKey(DEVICE), "Linux refuses a zero-length device structure");
            assertTrue(rng.pci.caps.keySet().containsAll(List.of(COMMON, NOTIFY, ISR, PCI_CFG)));
        }
    }

    @Test
    void notifyRegionAndVectorsGrowWithTheQueues() {
        try (PciBench echo = new PciBench(new EchoDevice(0, 5, 16))) {
            assertEquals(20, echo.pci.cap(NOTIFY).length());
            assertEquals(6, echo.pci.msixTableSize());
            assertEquals(5, echo.driver.common(NUM_QUEUES, 2));
            for (int q = 0; q < 5; q++) {
                echo.driver.common(QUEUE_SELECT, 2, q);
                assertEquals(q, echo.driver.common(QUEUE_NOTIFY_OFF, 2));
            }
        }
    }

    @Test
    void badDevicesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new PciTransport(new EchoDevice(0, 0, 16), "x", bench.mem));
        assertThrows(IllegalArgumentException.class, () -> new PciTransport(new EchoDevice(0, 65, 16), "x", bench.mem));
        assertThrows(IllegalArgumentException.class, () -> new PciTransport(new EchoDevice(0, 1, 3), "x", bench.mem));
    }
}
