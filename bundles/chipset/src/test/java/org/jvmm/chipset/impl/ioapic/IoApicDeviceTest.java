package org.jvmm.chipset.impl.ioapic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.FakeChipset.Msi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class IoApicDeviceTest {
    static final long BASE = 0xFEC0_0000L;

    FakeChipset chipset;
    IoApicDevice ioapic;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        ioapic = new IoApicDevice(BASE, 24, 0x20, 1, chipset.cpu);
    }

    int read(int register) {
        assertEquals(IoResult.OK, ioapic.mmioWrite(BASE, 4, register));
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, ioapic.mmioRead(BASE + 0x10, 4, v));
        return (int) v.get();
    }

    void write(int register, int value) {
        assertEquals(IoResult.OK, ioapic.mmioWrite(BASE, 4, register));
        assertEquals(IoResult.OK, ioapic.mmioWrite(BASE + 0x10, 4, value & 0xFFFF_FFFFL));
    }

    void route(int pin, long entry) {
        write(0x11 + 2 * pin, (int) (entry >>> 32));
        write(0x10 + 2 * pin, (int) entry);
    }

    @Test
    void identificationRegisters() {
        assertEquals(1 << 24, read(0x00));
        assertEquals(0x0017_0020, read(0x01), "version 0x20, 24 entries");
        write(0x00, 5 << 24);
        assertEquals(5 << 24, read(0x00));
        assertEquals(0x0001_0000, read(0x10), "entries reset masked");
    }

    @Test
    void edgeEntryDeliversAnMsiOnTheRisingEdge() {
        route(4, 0x0300_0000_0000_0031L); // vector 0x31, fixed, physical, edge, destination 3
        ioapic.setInput(4, true);
        ioapic.setInput(4, true);
        ioapic.setInput(4, false);
        assertEquals(1, chipset.cpu.msis.size(), "one edge, one message");
        assertEquals(new Msi(0xFEE0_3000L, 0x4031), chipset.cpu.msis.get(0));
        ioapic.setInput(4, true);
        assertEquals(2, chipset.cpu.msis.size());
    }

    @Test
    void msiFormatCarriesDestinationModeDeliveryModeAndTrigger() {
        route(9, 0x0F00_0000_0000_A941L); // vector 0x41, lowest priority, logical, level, dest 0x0F
        ioapic.setInput(9, true);
        Msi msi = chipset.cpu.msis.get(0);
        assertEquals(0xFEE0_F000L | 1 << 3 | 1 << 2, msi.address(), "dest 0x0F, redirection hint, logical");
        assertEquals(0x41 | 1 << 8 | 1 << 14 | 1 << 15, msi.data(), "vector, lowest priority, assert, level");
    }

    @Test
    void maskedEntriesDeliverNothing() {
        route(4, 0x0001_0031L);
        ioapic.setInput(4, true);
        assertTrue(chipset.cpu.msis.isEmpty());
    }

    @Test
    void levelEntryWaitsForEoiThroughRemoteIrr() {
        route(10, 0x0000_8050L); // vector 0x50, level
        ioapic.setInput(10, true);
        assertEquals(1, chipset.cpu.msis.size());
        assertEquals(0x4000, read(0x10 + 20) & 0x4000, "remote IRR set");
        ioapic.setInput(10, true);
        assertEquals(1, chipset.cpu.msis.size(), "no redelivery before the EOI");
        ioapic.endOfInterrupt(0x50);
        assertEquals(2, chipset.cpu.msis.size(), "still asserted after the EOI: delivered again");
        ioapic.setInput(10, false);
        ioapic.endOfInterrupt(0x50);
        assertEquals(2, chipset.cpu.msis.size());
        assertEquals(0, read(0x10 + 20) & 0x4000, "remote IRR clear");
    }

    @Test
    void eoiRegisterAndUnmaskingAnAssertedLevelInput() {
        route(11, 0x0001_8060L); // level, masked
        ioapic.setInput(11, true);
        assertTrue(chipset.cpu.msis.isEmpty());
        write(0x10 + 22, 0x0000_8060);
        assertEquals(1, chipset.cpu.msis.size(), "unmasking an asserted level input delivers it");
        assertEquals(IoResult.OK, ioapic.mmioWrite(BASE + 0x40, 4, 0x60));
        assertEquals(2, chipset.cpu.msis.size(), "the EOI register re-arms it");
    }

    @Test
    void remoteIrrIsReadOnly() {
        route(3, 0x0000_8070L);
        write(0x10 + 6, 0x0000_C070); // try to set remote IRR
        assertEquals(0, read(0x16) & 0x4000);
    }

    @Test
    void badAccessesAndReset() {
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, ioapic.mmioWrite(BASE + 0x10, 2, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, ioapic.mmioRead(BASE, 8, v));
        assertEquals(IoResult.INVALID_REGISTER, ioapic.mmioRead(BASE + 0x20, 4, v));
        assertEquals(IoResult.OK, ioapic.mmioWrite(BASE, 1, 0x01));
        assertEquals(IoResult.OK, ioapic.mmioRead(BASE + 0x10, 1, v));
        assertEquals(0x20, v.get(), "byte read of the version register");
        route(4, 0x31);
        ioapic.reset();
        assertEquals(0x0001_0000, read(0x18), "masked again");
        assertEquals(24, ioapic.pins());
    }
}
