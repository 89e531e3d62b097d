package org.jvmm.chipset.impl.i8042;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The i8042 saved with queued replies, a pending command and a keyboard waiting for an argument. */
class I8042StateTest {
    static final int DATA = 0x60, CMD = 0x64;

    FakeChipset c1 = new FakeChipset();
    FakeChipset c2 = new FakeChipset();
    I8042Device original = new I8042Device(c1.line(1), c1.line(12), c1.power);
    I8042Device restored = new I8042Device(c2.line(1), c2.line(12), c2.power);
    PortBus bus1 = new PortBus(original);
    PortBus bus2 = new PortBus(restored);

    @BeforeEach
    void setUp() throws StateUnitException {
        bus1.out8(CMD, 0x60);
        bus1.out8(DATA, 0x47); // both interrupts, system flag, translation
        bus1.out8(CMD, 0xD1);
        bus1.out8(DATA, 0x01); // A20 off, reset line high
        bus1.out8(CMD, 0xD4);
        bus1.out8(DATA, 0xF3); // mouse: set sample rate ...
        bus1.out8(CMD, 0xD4);
        bus1.out8(DATA, 40); // ... to 40
        bus1.out8(DATA, 0xED); // keyboard LEDs ...
        bus1.out8(DATA, 0x05); // ... scroll and caps lock
        bus1.out8(DATA, 0xF0); // scan code set: argument pending
        bus1.out8(CMD, 0xD2); // the next data byte goes to the keyboard's output buffer
        StateUnits.copy(original, restored);
    }

    /** Status and data reads until the output buffer is empty. */
    static List<Integer> drain(PortBus bus) {
        List<Integer> reads = new ArrayList<>();
        for (int status = bus.in8(CMD); (status & 1) != 0; status = bus.in8(CMD)) {
            reads.add(status);
            reads.add(bus.in8(DATA));
        }
        reads.add(bus.in8(CMD));
        return reads;
    }

    @Test
    void theRestoredControllerAnswersAsTheOriginal() {
        assertEquals(c1.line(12).level, c2.line(12).level);
        assertTrue(c2.line(12).level, "a mouse ACK heads the queue: IRQ 12");
        List<Integer> queued = drain(bus1);
        assertEquals(queued, drain(bus2));
        assertEquals(List.of(0x3D, 0xFA, 0x3D, 0xFA, 0x1D, 0xFA, 0x1D, 0xFA, 0x1D, 0xFA, 0x1C), queued,
                "two mouse ACKs (AUX set) then three keyboard ACKs; last write was a command");
        assertFalse(c2.line(1).level);
        assertEquals(0xFA, bus2.in8(DATA), "the last byte read repeats");
    }

    @Test
    void pendingCommandsAndDeviceSettingsCarryOver() {
        drain(bus1);
        drain(bus2);
        for (PortBus bus : List.of(bus1, bus2)) {
            bus.out8(DATA, 0x33); // completes 0xD2
            bus.out8(DATA, 0x00); // the keyboard's pending 0xF0: get the scan code set
            bus.out8(CMD, 0x20); // command byte
            bus.out8(CMD, 0xD0); // output port
            bus.out8(CMD, 0xD4);
            bus.out8(DATA, 0xE9); // mouse status: reporting, resolution, sample rate
        }
        List<Integer> replies = drain(bus1);
        assertEquals(replies, drain(bus2));
        List<Integer> data = new ArrayList<>();
        for (int i = 1; i < replies.size(); i += 2) {
            data.add(replies.get(i));
        }
        assertEquals(List.of(0x33, 0xFA, 0x02, 0x47, 0x11, 0xFA, 0x00, 0x02, 40), data,
                "echo, ACK and set 2, command byte, A20 off (OBF bit 4), mouse status with rate 40");
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() {
        StateUnits.assertRefusesBadStates(restored,
                new I8042Device(new FakeChipset().line(1), new FakeChipset().line(12), new FakeChipset().power));
    }
}
