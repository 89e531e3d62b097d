package org.jvmm.vm.worker.impl.chipset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.worker.impl.fake.FakeController;
import org.jvmm.vm.worker.impl.fake.FakeDevice;
import org.jvmm.vm.worker.impl.fake.FakeHypervisor;
import org.jvmm.vm.worker.impl.fake.FakePartition;

class ChipsetBusTest {
    private final FakePartition partition = partition();
    private final ChipsetBus bus = new ChipsetBus(new InterruptRouter(partition), 1);

    @Test
    void portAccessesReachTheClaimingDeviceMaskedToTheAccessSize() throws Exception {
        FakeDevice com1 = new FakeDevice("com1").port(0x3f8, 8);
        com1.readValue = 0x1234_5678_9abcL;
        bus.add(com1);
        bus.ioWrite(0, 0x3f8, 1, 0x141);
        bus.ioWrite(0, 0x3ff, 2, 0xBEEF);
        assertEquals(List.of("port 0x3f8=0x41", "port 0x3ff=0xbeef"), com1.writes);
        assertEquals(0x9abcL, bus.ioRead(0, 0x3f8, 2));
        assertEquals(0x5678_9abcL, bus.ioRead(0, 0x3f8, 4));
    }

    @Test
    void unclaimedReadsGiveAllOnesAndAreCounted() {
        assertEquals(0xFFL, bus.ioRead(0, 0x80, 1));
        assertEquals(0xFFFF_FFFFL, bus.ioRead(0, 0x80, 4));
        assertEquals(-1L, bus.mmioRead(0, 0xFED0_0000L, 8));
        assertEquals(0xFFFFL, bus.mmioRead(0, 0xFED0_0000L, 2));
        bus.ioWrite(0, 0x80, 1, 1);
        Map<String, Object> io = inspectIo();
        assertEquals(Map.of("portReads", 2L, "portWrites", 1L, "mmioReads", 2L, "mmioWrites", 0L), io.get("unclaimed"));
    }

    @Test
    void overlappingPortsAreRefusedNamingBothDevices() throws Exception {
        bus.add(new FakeDevice("com1").port(0x3f8, 8));
        FakeDevice other = new FakeDevice("debugcon").port(0x3fc, 1).mmio(0x1000, 0x10);
        DeviceConflictException e = assertThrows(DeviceConflictException.class, () -> bus.add(other));
        assertEquals("port 0x3fc: debugcon (debugcon-io) conflicts with com1 (com1-io)", e.getMessage());
        assertEquals(-1L & 0xFF, bus.mmioRead(0, 0x1000, 1), "a refused device leaves nothing behind");
        assertEquals(1, bus.devices().size());
    }

    @Test
    void overlappingMmioAndDuplicateNamesAreRefused() throws Exception {
        bus.add(new FakeDevice("hpet").mmio(0xFED0_0000L, 0x400));
        DeviceConflictException e = assertThrows(DeviceConflictException.class,
                () -> bus.add(new FakeDevice("other").port(0x60, 1).mmio(0xFED0_03FFL, 0x10)));
        assertEquals("mmio other (other-mmio 0xfed003ff-0xfed0040e) conflicts with hpet (hpet-mmio 0xfed00000-0xfed003ff)",
                e.getMessage());
        assertEquals(0xFFL, bus.ioRead(0, 0x60, 1), "the ports of a refused device are released");
        e = assertThrows(DeviceConflictException.class, () -> bus.add(new FakeDevice("hpet").port(0x70, 2)));
        assertEquals("chipset: two devices named hpet", e.getMessage());
    }

    @Test
    void mmioFindsTheRightRangeAmongMany() throws Exception {
        FakeDevice a = new FakeDevice("a").mmio(0x1000, 0x100).mmio(0x3000, 0x10);
        FakeDevice b = new FakeDevice("b").mmio(0x2000, 0x1000);
        a.readValue = 0xA;
        b.readValue = 0xB;
        bus.add(a);
        bus.add(b);
        assertEquals(0xA, bus.mmioRead(0, 0x10FF, 4));
        assertEquals(0xFFFF_FFFFL, bus.mmioRead(0, 0x1100, 4));
        assertEquals(0xB, bus.mmioRead(0, 0x2000, 4));
        assertEquals(0xB, bus.mmioRead(0, 0x2FFF, 1));
        assertEquals(0xA, bus.mmioRead(0, 0x3008, 4));
        assertEquals(0xFFL, bus.mmioRead(0, 0x0FFF, 1));
        assertEquals(0xFFL, bus.mmioRead(0, -8, 1));
    }

    @Test
    void deviceErrorsAndExceptionsGiveAllOnesAndAreCountedPerDevice() throws Exception {
        FakeDevice rtc = new FakeDevice("rtc").port(0x70, 2);
        bus.add(rtc);
        rtc.result = IoResult.INVALID_ACCESS_SIZE;
        rtc.readValue = 0x12;
        assertEquals(0xFFFFL, bus.ioRead(0, 0x70, 2));
        bus.ioWrite(0, 0x71, 4, 0);
        rtc.result = IoResult.OK;
        rtc.failure = new IllegalStateException("bug");
        assertEquals(0xFFL, bus.ioRead(0, 0x71, 1));
        assertEquals(Map.of("rtc", 3L), inspectIo().get("errors"));
        InspectNode chipset = new InspectNode();
        bus.inspectDevices(chipset);
        assertEquals("0x70-0x71", chipset.at("rtc/bus/port rtc-io").orElseThrow());
        assertEquals(2L, chipset.at("rtc/bus/reads").orElseThrow());
        assertEquals(1, chipset.at("rtc/writes").orElseThrow(), "the device's own inspect is there too");
    }

    @Test
    void mapperAddsAndRemovesDynamicRanges() throws Exception {
        FakeDevice bar = new FakeDevice("nvme").mmio(0xE000_0000L, 0x1000);
        bar.readValue = 7;
        bus.add(bar);
        MmioRange moved = new MmioRange("bar0", 0xE100_0000L, 0x4000);
        bus.map(moved, bar);
        assertEquals(7, bus.mmioRead(0, 0xE100_3FF8L, 8));
        assertThrows(IllegalArgumentException.class, () -> bus.map(new MmioRange("x", 0xE100_1000L, 0x10), bar));
        bus.unmap(moved);
        assertEquals(0xFFL, bus.mmioRead(0, 0xE100_0000L, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> bus.unmap(moved));
        assertTrue(e.getMessage().contains("is not mapped"), e.getMessage());
    }

    @Test
    void picAcknowledgeAndEoiGoToTheControllers() throws Exception {
        FakeController pic = new FakeController(InterruptController.Kind.PIC, 16);
        FakeController ioapic = new FakeController(InterruptController.Kind.IOAPIC, 24);
        assertEquals(-1, bus.acknowledgePicInterrupt(), "no PIC: spurious");
        bus.add(new FakeDevice("pic").port(0x20, 2).controller(pic));
        bus.add(new FakeDevice("ioapic").mmio(0xFEC0_0000L, 0x1000).controller(ioapic));
        pic.vector = 0x30;
        assertEquals(0x30, bus.acknowledgePicInterrupt());
        bus.handleEoi(0x41);
        assertEquals(List.of(0x41), ioapic.eois);
        DeviceConflictException e = assertThrows(DeviceConflictException.class, () -> bus.add(
                new FakeDevice("pic2").controller(new FakeController(InterruptController.Kind.PIC, 16))));
        assertEquals("interrupt controller: pic2 is a second PIC (the PIC is pic)", e.getMessage());
    }

    @Test
    void resetReachesEveryDeviceAndNamesTheOneThatFailed() throws Exception {
        FakeDevice ok = new FakeDevice("ok");
        FakeDevice bad = new FakeDevice("bad") {
            @Override
            public void reset() {
                throw new IllegalStateException("stuck");
            }
        };
        FakeDevice last = new FakeDevice("last");
        bus.add(ok);
        bus.add(bad);
        bus.add(last);
        IllegalStateException e = assertThrows(IllegalStateException.class, bus::resetDevices);
        assertEquals("device reset failed: bad: java.lang.IllegalStateException: stuck", e.getMessage());
        assertEquals(1, ok.resets);
        assertEquals(1, last.resets);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> inspectIo() {
        InspectNode n = new InspectNode();
        bus.inspectIo(n);
        return n.toMap();
    }

    static FakePartition partition() {
        try {
            GuestMemory mem = GuestMemory.create(GuestMemoryLayout.flat(4096));
            FakeHypervisor hv = new FakeHypervisor("emu", org.jvmm.hv.api.Probe.usable("test"), p -> { });
            return (FakePartition) hv.createPartition(new PartitionConfig(1, mem, CpuModel.QEMU64, false));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
