package org.jvmm.devices.virtio.impl.mmio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.*;

import java.util.List;
import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.FakeLine;
import org.jvmm.devices.virtio.driver.MmioGuest;
import org.jvmm.devices.virtio.driver.MockVirtqueue;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Buf;
import org.jvmm.devices.virtio.driver.MockVirtqueue.Used;
import org.jvmm.devices.virtio.driver.TestRam;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MmioTransportTest {
    static final long BASE = 0xD000_0000L;
    static final long ALL = VERSION_1 | INDIRECT_DESC | EVENT_IDX;

    GuestMemory mem = TestRam.flat(1 << 20);
    FakeLine line = new FakeLine();
    EchoDevice device = new EchoDevice(1L << 3 | 1L << 30 | 1L << 33 | 1L << 55, 2, 16);
    MmioTransport transport = new MmioTransport(device, BASE, 5, mem, line);
    MmioGuest guest = new MmioGuest(transport, BASE);
    MockVirtqueue q0 = MockVirtqueue.at(mem, 0x1000, 16);
    MockVirtqueue q1 = MockVirtqueue.at(mem, 0x2000, 8);

    @AfterEach
    void close() {
        mem.close();
    }

    @Test
    void identifiesAsAModernVirtioMmioDevice() {
        assertEquals(0x74726976, guest.read(MAGIC));
        assertEquals(2, guest.read(VERSION));
        assertEquals(EchoDevice.ID, guest.read(DEVICE_ID));
        assertEquals(0x1AF4, guest.read(VENDOR_ID));
        assertEquals(-1, guest.read(SHM_LEN_LOW), "no shared memory regions");
        assertEquals("echo@d0000000", transport.name());
        assertEquals(List.of(new MmioRange("echo@d0000000", BASE, 0x200)), transport.mmioRanges());
    }

    @Test
    void acpiDescribesTheWindowAndTheInterrupt() {
        AcpiDeviceInfo acpi = transport.acpi().orElseThrow();
        assertEquals("LNRO0005", acpi.hid());
        assertEquals(List.of(new MmioRange("echo@d0000000", BASE, 0x200)), acpi.memory());
        assertEquals(List.of(5), acpi.interrupts());
        assertEquals((int) (BASE / 0x200), acpi.uid());
    }

    @Test
    void offersDeviceBitsInTheDeviceRangesPlusVersionIndirectAndEventIdx() {
        long offered = guest.deviceFeatures();
        assertEquals(1L << 3 | 1L << 55 | ALL, offered, "bit 30 and ACCESS_PLATFORM (33) are not offered");
        guest.write(DEVICE_FEATURES_SEL, 2);
        assertEquals(0, guest.read(DEVICE_FEATURES));
    }

    @Test
    void featuresOkNeedsVersion1AndOnlyOfferedBits() {
        guest.write(STATUS, ACKNOWLEDGE | DRIVER);
        guest.driverFeatures(1L << 3);
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertEquals(0, guest.status() & FEATURES_OK, "legacy-only driver refused");
        guest.driverFeatures(VERSION_1 | 1L << 33);
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertEquals(0, guest.status() & FEATURES_OK, "a bit that was not offered is refused");
        guest.driverFeatures(VERSION_1 | 1L << 3);
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertEquals(ACKNOWLEDGE | DRIVER | FEATURES_OK, guest.status());
        guest.driverFeatures(VERSION_1);
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertEquals(VERSION_1 | 1L << 3, device.activation().features(), "features are frozen at FEATURES_OK");
    }

    @Test
    void theDriverCannotSetNeedsResetAndWritingItIsNoReset() {
        guest.write(STATUS, ACKNOWLEDGE);
        guest.write(STATUS, NEEDS_RESET);
        assertEquals(ACKNOWLEDGE, guest.status());
    }

    @Test
    void driverOkWithoutFeaturesOkIsIgnored() {
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | DRIVER_OK);
        assertEquals(ACKNOWLEDGE | DRIVER, guest.status());
        assertTrue(device.activations.isEmpty());
    }

    @Test
    void fullProbeActivatesTheDeviceWithTheNegotiatedQueues() {
        long features = guest.init(ALL, q0, q1);
        assertEquals(ALL, features);
        var a = device.activation();
        assertEquals(ALL, a.features());
        assertEquals(16, a.queue(0).size());
        assertEquals(8, a.queue(1).size());
        assertTrue(a.queue(0).enabled());
        guest.write(QUEUE_SEL, 1);
        assertEquals(1, guest.read(QUEUE_READY));
        assertEquals((int) q1.used(), guest.read(QUEUE_DEVICE_LOW));
        assertEquals(8, guest.read(QUEUE_NUM));
    }

    @Test
    void queuesNotEnabledAreDisabledForTheDevice() {
        guest.negotiate(ALL);
        guest.setupQueue(0, q0);
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertFalse(device.activation().queue(1).enabled());
        assertTrue(device.activation().queue(1).next().isEmpty());
    }

    @Test
    void notifyRunsTheDeviceAndTheUsedBufferRaisesTheLevelTriggeredLine() {
        guest.init(ALL, q0, q1);
        mem.write(0x10000, new byte[] {1, 2, 3}, 0, 3);
        int head = q0.add(Buf.in(0x10000, 3), Buf.out(0x11000, 8));
        assertFalse(line.level());
        guest.notify(0);
        assertEquals(List.of(new Used(head, 3)), q0.takeUsed());
        byte[] echoed = new byte[3];
        mem.read(0x11000, echoed, 0, 3);
        assertArrayEquals(new byte[] {1, 2, 3}, echoed);
        assertTrue(line.level());
        assertEquals(1, guest.handleInterrupt());
        assertFalse(line.level(), "acknowledged: the line drops");
    }

    @Test
    void notifyBeforeDriverOkOrForAMissingQueueIsIgnored() {
        guest.negotiate(ALL);
        guest.notify(0);
        assertTrue(device.notifies.isEmpty());
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        guest.notify(7);
        assertTrue(device.notifies.isEmpty());
    }

    @Test
    void queueRegistersAreFrozenOnceReady() {
        guest.negotiate(ALL);
        guest.setupQueue(0, q0);
        guest.write(QUEUE_NUM, 4);
        guest.write(QUEUE_DESC_LOW, 0x8000);
        assertEquals(16, guest.read(QUEUE_NUM));
        assertEquals((int) q0.desc(), guest.read(QUEUE_DESC_LOW));
        guest.write(QUEUE_SEL, 9);
        assertEquals(0, guest.read(QUEUE_NUM_MAX), "no queue 9");
        guest.write(QUEUE_READY, 1);
        assertEquals(0, guest.read(QUEUE_READY));
    }

    @Test
    void badRingAtDriverOkSetsNeedsResetAndRaisesAConfigInterrupt() {
        guest.negotiate(ALL);
        guest.setupQueue(0, q0);
        guest.write(QUEUE_SEL, 1);
        guest.write(QUEUE_NUM, 8);
        guest.write(QUEUE_DESC_LOW, 0x3000);
        guest.write(QUEUE_DRIVER_LOW, 0x4000);
        guest.write(QUEUE_DEVICE_LOW, 0x5000);
        guest.write(QUEUE_DEVICE_HIGH, 1);
        guest.write(QUEUE_READY, 1);
        int resets = device.resets;
        guest.write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertTrue(device.activations.isEmpty());
        assertEquals(NEEDS_RESET, guest.status() & NEEDS_RESET);
        assertEquals(2, guest.interruptStatus());
        assertTrue(line.level());
        guest.write(STATUS, 0);
        assertEquals(0, guest.status());
        assertEquals(0, guest.interruptStatus());
        assertFalse(line.level());
        assertEquals(resets + 1, device.resets);
    }

    @Test
    void malformedChainSetsNeedsResetAndFurtherNotifiesAreIgnored() {
        guest.init(VERSION_1, q0, q1);
        q0.writeDesc(0, 0x10000, 4, MockVirtqueue.F_NEXT, 0);
        q0.publish(0);
        guest.notify(0);
        assertEquals(NEEDS_RESET, guest.status() & NEEDS_RESET);
        assertEquals(2, guest.handleInterrupt());
        guest.notify(0);
        assertEquals(1, device.notifies.size(), "no notify reaches a device that needs a reset");
        InspectNode node = new InspectNode();
        transport.inspect(node);
        assertTrue(node.at("needs_reset").orElseThrow().toString().contains("loops"));
    }

    @Test
    void aDeviceThatThrowsNeedsAResetAndNothingEscapes() {
        guest.init(ALL, q0, q1);
        device.throwOnNotify = new IllegalStateException("boom");
        guest.notify(0);
        assertEquals(NEEDS_RESET, guest.status() & NEEDS_RESET);
        guest.init(ALL, q0, q1);
        assertEquals(0, guest.status() & NEEDS_RESET, "reset clears it");
    }

    @Test
    void resetClosesTheOldQueues() {
        guest.init(ALL, q0, q1);
        var old = device.activation().queue(0);
        int resets = device.resets;
        guest.write(STATUS, 0);
        assertFalse(old.isOpen());
        assertEquals(resets + 1, device.resets);
        assertEquals(0, guest.status());
    }

    @Test
    void vmResetReturnsToPowerOnState() {
        guest.init(ALL, q0, q1);
        q0.add(Buf.in(0x10000, 3), Buf.out(0x11000, 8));
        guest.notify(0);
        assertTrue(line.level());
        transport.reset();
        assertEquals(0, guest.status());
        assertFalse(line.level());
        guest.write(QUEUE_SEL, 0);
        assertEquals(0, guest.read(QUEUE_READY));
    }

    @Test
    void configSpaceTakesAlignedAccessesOfOneToEightBytes() {
        assertEquals(0x10, guest.config(0, 1));
        assertEquals(0x1312, guest.config(2, 2));
        assertEquals(0x17161514L, guest.config(4, 4));
        assertEquals(0x1F1E1D1C1B1A1918L, guest.config(8, 8));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, guest.access(false, CONFIG + 1, 2, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, guest.access(false, CONFIG, 3, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, CONFIG + 16, 1, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, CONFIG + 0xF8, 8, 0));
    }

    @Test
    void configWritesReachTheDeviceAndAChangeBumpsTheGeneration() {
        guest.init(ALL, q0, q1);
        int gen = guest.read(CONFIG_GENERATION);
        assertEquals(IoResult.OK, guest.access(true, CONFIG + 4, 2, 0xBEEF));
        assertEquals(0xBEEF, guest.config(4, 2));
        assertEquals(gen + 1, guest.read(CONFIG_GENERATION));
        assertEquals(2, guest.interruptStatus());
    }

    @Test
    void registersTakeOnlyAlignedDwordsAndUnknownOffsetsAreRefused() {
        assertEquals(IoResult.INVALID_ACCESS_SIZE, guest.access(false, MAGIC, 2, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, guest.access(false, 2, 4, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, guest.access(true, STATUS, 1, 1));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, 0x018, 4, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(true, MAGIC, 4, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, QUEUE_NOTIFY, 4, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, 0x200, 4, 0));
        assertEquals(IoResult.INVALID_REGISTER, guest.access(false, -4, 4, 0));
    }

    @Test
    void closeClosesTheDevice() {
        transport.close();
        assertTrue(device.closed);
    }

    @Test
    void devicesThatDescribeThemselvesWronglyAreRefused() {
        for (EchoDevice bad : List.of(new EchoDevice(0, 0, 16), new EchoDevice(0, 1, 12), new EchoDevice(0, 65, 16))) {
            try {
                new MmioTransport(bad, BASE, 5, mem, line);
                throw new AssertionError("accepted a device with " + bad.queueCount() + " queues of " + bad.maxQueueSize(0));
            } catch (IllegalArgumentException expected) {
                assertTrue(expected.getMessage().startsWith("echo: "), expected.getMessage());
            }
        }
    }
}
