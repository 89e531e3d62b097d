package org.jvmm.chipset.impl.ioapic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.StateUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The I/O APIC saved with routes, an interrupt in service and asserted inputs. */
class IoApicStateTest {
    static final long BASE = 0xFEC0_0000L;
    static final int PINS = 24;

    FakeChipset c1 = new FakeChipset();
    FakeChipset c2 = new FakeChipset();
    IoApicDevice original = new IoApicDevice(BASE, PINS, 0x20, 1, c1.cpu);
    IoApicDevice restored = new IoApicDevice(BASE, PINS, 0x20, 1, c2.cpu);

    static long mmioRead(IoApicDevice d, long offset) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, d.mmioRead(BASE + offset, 4, v));
        return v.get();
    }

    static void mmioWrite(IoApicDevice d, long offset, long value) {
        assertEquals(IoResult.OK, d.mmioWrite(BASE + offset, 4, value));
    }

    static void write(IoApicDevice d, int register, long value) {
        mmioWrite(d, 0x00, register);
        mmioWrite(d, 0x10, value & 0xFFFF_FFFFL);
    }

    static void route(IoApicDevice d, int pin, long entry) {
        write(d, 0x11 + 2 * pin, entry >>> 32);
        write(d, 0x10 + 2 * pin, entry);
    }

    /** Every indirect register, read through IOREGSEL and IOWIN. */
    static List<Long> registers(IoApicDevice d) {
        List<Long> reads = new ArrayList<>();
        for (int r = 0; r < 0x10 + 2 * PINS; r++) {
            mmioWrite(d, 0x00, r);
            reads.add(mmioRead(d, 0x10));
        }
        return reads;
    }

    @BeforeEach
    void setUp() throws StateUnitException {
        write(original, 0x00, 5 << 24);
        route(original, 10, 0x0000_8050L); // level, vector 0x50
        original.setInput(10, true); // delivered, remote IRR set
        route(original, 4, 0x0300_0000_0000_0031L); // edge, vector 0x31, destination 3
        route(original, 11, 0x0001_8060L); // level, masked
        original.setInput(11, true);
        original.setInput(4, true);
        mmioWrite(original, 0x00, 0x10 + 2 * 10); // IOREGSEL left on pin 10's low half
        StateUnits.copy(original, restored);
    }

    @Test
    void theRestoredIoApicAnswersEveryRegisterAsTheOriginal() {
        assertEquals(0x24, mmioRead(restored, 0x00), "IOREGSEL");
        assertEquals(mmioRead(original, 0x10), mmioRead(restored, 0x10));
        assertEquals(0x4000, mmioRead(restored, 0x10) & 0x4000, "remote IRR of the interrupt in service");
        List<Long> before = registers(original);
        assertEquals(before, registers(restored));
        assertEquals(5L << 24, before.get(0));
        assertTrue(c2.cpu.msis.isEmpty(), "a restore delivers nothing: the processors hold what is in flight");
    }

    @Test
    void theRestoredIoApicKnowsTheLinesAndRemoteIrr() {
        int sent = c1.cpu.msis.size();
        original.endOfInterrupt(0x50);
        restored.endOfInterrupt(0x50);
        assertEquals(c1.cpu.msis.subList(sent, c1.cpu.msis.size()), c2.cpu.msis, "pin 10 still asserted");
        assertEquals(1, c2.cpu.msis.size());
        write(original, 0x10 + 22, 0x0000_8060);
        write(restored, 0x10 + 22, 0x0000_8060);
        assertEquals(2, c2.cpu.msis.size(), "unmasking pin 11, asserted before the save, delivers it");
        original.setInput(4, true);
        restored.setInput(4, true);
        assertEquals(2, c2.cpu.msis.size(), "pin 4 was already high: no new edge");
        restored.setInput(4, false);
        restored.setInput(4, true);
        assertEquals(0x31, c2.cpu.msis.get(2).data() & 0xFF);
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() {
        StateUnits.assertRefusesBadStates(restored, new IoApicDevice(BASE, PINS, 0x20, 1, new FakeChipset().cpu));
        IoApicDevice small = new IoApicDevice(BASE, 8, 0x20, 1, c1.cpu);
        StateUnitException e = assertThrows(StateUnitException.class, () -> StateUnits.copy(restored, small));
        assertEquals("chipset.ioapic: saved state is malformed: input levels 0xc10 name pins beyond 7",
                e.getMessage());
    }
}
