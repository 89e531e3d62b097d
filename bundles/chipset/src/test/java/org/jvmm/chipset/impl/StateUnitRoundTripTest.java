package org.jvmm.chipset.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.debugexit.DebugExitDevice;
import org.jvmm.chipset.impl.pic.PicDevice;
import org.jvmm.chipset.impl.serial.Serial16550Device;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.junit.jupiter.api.Test;

/** Each device's state saved, restored into a freshly built device, and the copy behaves the same. */
class StateUnitRoundTripTest {
    static final int COM1 = 0x3F8;

    private static StateUnit unit(ChipsetDevice d) {
        return d.state().orElseThrow(() -> new AssertionError(d.name() + " offers no state unit"));
    }

    private static void copy(ChipsetDevice from, ChipsetDevice to) throws StateUnitException {
        StateUnit s = unit(from);
        unit(to).restore(s.version(), s.save());
    }

    private static Serial16550Device uart(FakeChipset chipset, MemorySerialBackend backend) {
        return new Serial16550Device("com1", COM1, 4, chipset.line(4), chipset.clock, backend);
    }

    @Test
    void theUartKeepsItsRegistersFifoAndInterrupt() throws Exception {
        FakeChipset c1 = new FakeChipset();
        MemorySerialBackend b1 = new MemorySerialBackend();
        Serial16550Device a = uart(c1, b1);
        PortBus bus = new PortBus(a);
        bus.out8(COM1 + 3, 0x80);
        bus.out8(COM1, 0x01);
        bus.out8(COM1 + 3, 0x03);
        bus.out8(COM1 + 7, 0x5A);
        bus.out8(COM1 + 4, 0x0B);
        bus.out8(COM1 + 1, 0x02);

        FakeChipset c2 = new FakeChipset();
        MemorySerialBackend b2 = new MemorySerialBackend();
        Serial16550Device b = uart(c2, b2);
        copy(a, b);
        PortBus bus2 = new PortBus(b);
        for (int reg = 1; reg < 8; reg++) {
            assertEquals(bus.in8(COM1 + reg), bus2.in8(COM1 + reg), "register " + reg);
        }
        assertEquals(c1.line(4).level, c2.line(4).level, "the restored UART drives its IRQ the same");
        bus2.out8(COM1, 'x');
        assertArrayEquals(new byte[] {'x'}, b2.output());
    }

    @Test
    void thePicKeepsItsMaskVectorsAndPendingInterrupt() throws Exception {
        FakeChipset c1 = new FakeChipset();
        PicDevice a = new PicDevice(c1.cpu);
        PortBus bus = new PortBus(a);
        bus.out8(0x20, 0x11);
        bus.out8(0x21, 0x30);
        bus.out8(0x21, 0x04);
        bus.out8(0x21, 0x01);
        bus.out8(0x21, 0xF5);
        a.setInput(1, true);

        FakeChipset c2 = new FakeChipset();
        PicDevice b = new PicDevice(c2.cpu);
        copy(a, b);
        assertEquals(0xF5, new PortBus(b).in8(0x21));
        assertEquals(a.acknowledge(), b.acknowledge());
    }

    @Test
    void aStateOfAnUnknownVersionIsRefusedNamingTheUnit() {
        PicDevice pic = new PicDevice(new FakeChipset().cpu);
        StateUnitException e = assertThrows(StateUnitException.class, () -> unit(pic).restore(7, unit(pic).save()));
        assertTrue(e.getMessage().startsWith("chipset.pic: saved state version 7"), e.getMessage());
        assertThrows(StateUnitException.class, () -> unit(pic).restore(1, new byte[] {1, 2}));
    }

    @Test
    void aStatelessDeviceSavesNothing() throws Exception {
        DebugExitDevice d = new DebugExitDevice(0xF4, 1, new FakeChipset().power);
        assertEquals(0, unit(d).save().length);
        assertThrows(StateUnitException.class, () -> unit(d).restore(1, new byte[] {0}));
    }
}
