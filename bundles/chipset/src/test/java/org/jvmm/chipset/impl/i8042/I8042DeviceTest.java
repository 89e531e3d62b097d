package org.jvmm.chipset.impl.i8042;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class I8042DeviceTest {
    static final int DATA = 0x60, CMD = 0x64;

    FakeChipset chipset;
    I8042Device i8042;
    PortBus bus;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        i8042 = new I8042Device(chipset.line(1), chipset.line(12), chipset.power);
        bus = new PortBus(i8042);
    }

    int response() {
        assertEquals(0x01, bus.in8(CMD) & 0x01, "output buffer full");
        return bus.in8(DATA);
    }

    @Test
    void selfTestAndCommandByte() {
        assertEquals(0, bus.in8(CMD) & 0x01);
        bus.out8(CMD, 0xAA);
        assertEquals(0x55, response());
        assertEquals(0x04, bus.in8(CMD) & 0x04, "system flag after self-test");
        bus.out8(CMD, 0x20);
        int ctr = response();
        bus.out8(CMD, 0x60);
        bus.out8(DATA, ctr | 0x40);
        bus.out8(CMD, 0x20);
        assertEquals(ctr | 0x40, response());
        bus.out8(CMD, 0xAB);
        assertEquals(0x00, response(), "keyboard port test passes");
        bus.out8(CMD, 0xA9);
        assertEquals(0x00, response(), "aux port test passes");
    }

    @Test
    void pulseResetLineResetsTheVm() {
        bus.out8(CMD, 0xFE);
        assertEquals(1, chipset.power.resets);
        bus.out8(CMD, 0xFF);
        assertEquals(1, chipset.power.resets, "0xFF pulses nothing");
    }

    @Test
    void outputPortCarriesResetAndA20() {
        bus.out8(CMD, 0xD0);
        assertEquals(0x03, response() & 0x03, "running, A20 on");
        bus.out8(CMD, 0xD1);
        bus.out8(DATA, 0x01);
        bus.out8(CMD, 0xD0);
        assertEquals(0x01, response() & 0x03, "A20 off");
        bus.out8(CMD, 0xD1);
        bus.out8(DATA, 0x02);
        assertEquals(1, chipset.power.resets, "bit 0 low asserts reset");
        bus.out8(CMD, 0xDF);
        InspectNode node = new InspectNode();
        i8042.inspect(node);
        assertEquals(true, node.at("a20").orElseThrow());
    }

    @Test
    void keyboardAnswersLinuxProbeAndRaisesIrq1() {
        bus.out8(DATA, 0xFF);
        assertTrue(chipset.line(1).level, "keyboard data raises IRQ 1");
        assertEquals(0xFA, response());
        assertTrue(chipset.line(1).level, "next byte queued");
        assertEquals(0xAA, response());
        assertFalse(chipset.line(1).level);
        assertEquals(2, chipset.line(1).rises, "an edge per byte");
        bus.out8(DATA, 0xF2);
        assertEquals(0xFA, response());
        assertEquals(0xAB, response());
        assertEquals(0x83, response());
        bus.out8(DATA, 0xED);
        assertEquals(0xFA, response());
        bus.out8(DATA, 0x07);
        assertEquals(0xFA, response());
        bus.out8(DATA, 0xF0);
        bus.out8(DATA, 0x00);
        assertEquals(0xFA, response());
        assertEquals(0xFA, response());
        assertEquals(0x02, response(), "scan code set 2");
    }

    @Test
    void auxLoopbackAndMouseOnIrq12() {
        bus.out8(CMD, 0xD3);
        bus.out8(DATA, 0x5A);
        assertEquals(0x21, bus.in8(CMD) & 0x21, "aux data in the output buffer");
        assertTrue(chipset.line(12).level);
        assertEquals(0x5A, bus.in8(DATA));
        bus.out8(CMD, 0xD4);
        bus.out8(DATA, 0xF2);
        assertEquals(0xFA, response());
        assertEquals(0x00, response(), "a standard mouse");
    }

    @Test
    void interruptsFollowTheCommandByte() {
        bus.out8(CMD, 0x60);
        bus.out8(DATA, 0x00);
        bus.out8(CMD, 0xAA);
        assertFalse(chipset.line(1).level, "keyboard interrupt disabled");
        assertEquals(0x55, response());
    }

    @Test
    void resetAndBadAccesses() {
        bus.out8(CMD, 0xAA);
        i8042.reset();
        assertEquals(0, bus.in8(CMD) & 0x05, "empty, system flag clear");
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, i8042.ioRead(DATA, 2, v));
        assertEquals(IoResult.INVALID_REGISTER, i8042.ioWrite(0x62, 1, 0));
    }
}
