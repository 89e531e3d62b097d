package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.ACKNOWLEDGE;
import static org.jvmm.devices.virtio.driver.MmioGuest.DRIVER;
import static org.jvmm.devices.virtio.driver.MmioGuest.NEEDS_RESET;
import static org.jvmm.devices.virtio.driver.MmioGuest.VERSION_1;
import static org.jvmm.devices.virtio.impl.pci.PciDriver.*;

import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.impl.pci.FakePciAttachment.Msi;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Register widths and checks, device errors, and the three resets. */
class PciRegistersTest {
    EchoDevice echo = new EchoDevice(0, 2, 16);
    PciBench b = new PciBench(echo);
    MockVirtqueue q0 = b.queue(0, 16);

    @AfterEach
    void close() {
        b.close();
    }

    IoResult read(int type, long off, int size) {
        return b.host.read(b.pci.at(type, off), size);
    }

    IoResult write(int type, long off, int size, long v) {
        return b.host.write(b.pci.at(type, off), size, v);
    }

    @Test
    void commonConfigTakesAnyAlignedWidth() {
        b.driver.status(ACKNOWLEDGE);
        b.driver.common(QUEUE_SELECT, 2, 1);
        assertEquals(ACKNOWLEDGE | 1 << 16, b.driver.common(DEVICE_STATUS, 4), "status, generation, queue_select");
        b.driver.common(QUEUE_SELECT + 1, 1, 0x12);
        assertEquals(0x1201, b.driver.common(QUEUE_SELECT, 2), "a byte lands in its half of the field");
        b.driver.common(QUEUE_SELECT, 2, 0);
        b.driver.common(QUEUE_DESC, 8, 0x1234_5678_9ABC_DEF0L);
        assertEquals(0x1234_5678L, b.driver.common(QUEUE_DESC + 4, 4));
        assertEquals(0x9ABC_DEF0L, b.driver.common(QUEUE_DESC, 4));
        b.driver.common(NUM_QUEUES, 2, 9);
        assertEquals(2, b.driver.common(NUM_QUEUES, 2), "read-only");
        assertEquals(0, b.driver.common(0x3A, 2), "queue_reset: not offered");
    }

    @Test
    void badAccessesAreRefusedWithoutThrowing() {
        assertEquals(IoResult.INVALID_ACCESS_SIZE, read(COMMON, DEVICE_STATUS + 1, 2), "unaligned");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, read(COMMON, 0, 3));
        assertEquals(IoResult.INVALID_REGISTER, read(COMMON, 0x40, 4), "past the common structure");
        assertEquals(IoResult.INVALID_REGISTER, read(ISR, 4, 4), "past the ISR");
        assertEquals(IoResult.INVALID_REGISTER, write(ISR, 0, 1, 1), "the ISR is read-only");
        assertEquals(IoResult.INVALID_REGISTER, read(DEVICE, 16, 1), "echo has 16 bytes of config");
        assertEquals(IoResult.INVALID_REGISTER, read(NOTIFY, 0, 2), "doorbells are write-only");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, write(NOTIFY, 2, 2, 0), "between doorbells");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, write(NOTIFY, 0, 8, 0));
        assertEquals(IoResult.INVALID_REGISTER, write(NOTIFY, 8, 2, 2), "no queue 2");
        assertEquals(IoResult.INVALID_REGISTER, b.host.read(PciBench.BAR_ADDRESS + 0x6000, 4), "unused page");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, b.host.read(b.pci.msixTable(), 2), "MSI-X: dwords");
        assertTrue(echo.notifies.isEmpty());
    }

    @Test
    void writingStatusZeroResetsDeviceQueuesAndVectors() {
        b.driver.initMsix(VERSION_1, q0);
        b.pci.write(b.pci.at(DEVICE, 0), 1, 1);
        b.host.takeMsis();
        b.driver.common(QUEUE_SELECT, 2, 1);
        int resets = echo.resets;
        b.driver.status(0);
        assertEquals(0, b.driver.status(), "reset complete at once");
        assertEquals(resets + 1, echo.resets);
        assertEquals(0, b.driver.common(QUEUE_SELECT, 2));
        assertEquals(NO_VECTOR, b.driver.common(CONFIG_MSIX_VECTOR, 2));
        assertEquals(NO_VECTOR, b.driver.common(QUEUE_MSIX_VECTOR, 2));
        assertEquals(0, b.driver.common(QUEUE_ENABLE, 2));
        assertEquals(16, b.driver.common(QUEUE_SIZE, 2));
        assertEquals(0, b.driver.common(QUEUE_DESC, 8));
        b.driver.notify(0);
        assertEquals(List.of(), echo.notifies, "a doorbell after the reset does not reach the device");
    }

    @Test
    void aDeviceFailureSetsNeedsResetAndSignalsAConfigChange() {
        b.driver.initMsix(VERSION_1, q0);
        echo.throwOnNotify = new IllegalStateException("boom");
        q0.add(Buf.in(b.buffer(4), 4));
        b.driver.notify(0);
        assertEquals(NEEDS_RESET, b.driver.status() & NEEDS_RESET);
        assertEquals(List.of(new Msi(0xFEE0_0000L, 0x40)), b.host.takeMsis());
        b.driver.status(0);
        assertEquals(0, b.driver.status());
    }

    @Test
    void vmResetUnmapsAndForgetsEverything() {
        b.driver.initMsix(VERSION_1, q0);
        int resets = echo.resets;
        b.transport.reset();
        assertEquals(List.of(), b.host.ranges());
        assertEquals(0, b.pci.cfgWord(0x04), "command");
        assertEquals(0, b.pci.cfgRead(0x20) & ~0xF, "BAR address");
        assertEquals(0, b.pci.cfgWord(b.pci.msixCap + 2) & 0x8000, "MSI-X off");
        b.pci.programBar(PciBench.BAR_ADDRESS);
        assertEquals(0, b.driver.status());
        assertEquals(NO_VECTOR, b.driver.common(CONFIG_MSIX_VECTOR, 2));
        assertEquals(resets + 1, echo.resets);
    }

    @Test
    void functionLevelResetResetsTheVirtioDevice() {
        b.driver.init(VERSION_1, q0);
        int pcie = b.pci.findCapability(0x10);
        assertTrue(pcie != 0);
        assertTrue((b.pci.cfgRead(pcie + 4) & 1 << 28) != 0, "FLR capable");
        int resets = echo.resets;
        b.pci.cfgWrite(pcie + 8, 2, 1 << 15);
        assertEquals(resets + 1, echo.resets);
        assertEquals(List.of(), b.host.ranges(), "the BAR is gone with the rest of the function's state");
        b.pci.programBar(PciBench.BAR_ADDRESS);
        assertEquals(0, b.driver.status());
    }

    @Test
    void pciCfgWindowReachesTheBarWithoutMappingIt() {
        int cap = b.pci.cap(PCI_CFG).pos();
        b.pci.setCommand(0);
        window(cap, 4, 0x12, 2);
        assertEquals(2, b.pci.cfgWord(cap + 16), "num_queues through the window");
        window(cap, 4, 0x14, 1);
        b.pci.cfgWrite(cap + 16, 1, ACKNOWLEDGE | DRIVER);
        assertEquals(ACKNOWLEDGE | DRIVER, b.pci.cfgByte(cap + 16));
        window(cap, 4, 0x4008, 4);
        b.pci.cfgWrite(cap + 16, 4, 0x77);
        b.pci.setCommand(PciGuest.COMMAND_MEMORY);
        assertEquals(ACKNOWLEDGE | DRIVER, b.driver.status());
        assertEquals(0x77, b.pci.read(b.pci.msixTable() + 8, 4), "MSI-X table entry 0 data");
    }

    @Test
    void invalidWindowsAreIgnored() {
        int cap = b.pci.cap(PCI_CFG).pos();
        for (int[] w : new int[][] {{0, 0x14, 1}, {4, 0x14, 3}, {4, 0x15, 2}, {4, 0x8000, 4}, {4, 0x7FFE, 4}}) {
            window(cap, w[0], w[1], w[2]);
            b.pci.cfgWrite(cap + 16, 4, ACKNOWLEDGE);
            assertEquals(0, b.driver.status(), "window " + w[0] + "/" + w[1] + "/" + w[2]);
        }
        InspectNode node = new InspectNode();
        b.transport.inspect(node);
        assertEquals(0L, node.at("cfg_window_accesses").orElseThrow());
        assertFalse(node.at("cfg_window_ignored").orElseThrow().equals(0L));
    }

    void window(int cap, int bar, int offset, int length) {
        b.pci.cfgWrite(cap + 4, 1, bar);
        b.pci.cfgWrite(cap + 8, 4, offset);
        b.pci.cfgWrite(cap + 12, 4, length);
    }
}
