package org.jvmm.chipset.impl.serial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.junit.jupiter.api.Test;

/** The UART's receive timeout after a restore into a VM whose clock starts again near zero. */
class Serial16550StateTest {
    static final int COM1 = 0x3F8;

    @Test
    void theReceiveTimeoutKeepsItsDeadlineRelativeToTheClock() throws StateUnitException {
        FakeChipset c1 = new FakeChipset();
        c1.clock.set(10_000_000_000L);
        MemorySerialBackend b1 = new MemorySerialBackend();
        Serial16550Device original = new Serial16550Device("com1", COM1, 4, c1.line(4), c1.clock, b1);
        PortBus bus = new PortBus(original);
        bus.out8(COM1 + 3, 0x80);
        bus.out8(COM1, 0x01);
        bus.out8(COM1 + 3, 0x03);
        bus.out8(COM1 + 2, 0xC1); // FIFO on, trigger level 14
        bus.out8(COM1 + 1, 0x01); // received-data interrupt
        b1.feed("ab");
        original.poll(c1.clock.nanos());
        c1.clock.advance(10_000);

        FakeChipset c2 = new FakeChipset();
        c2.clock.set(2_000);
        Serial16550Device restored = new Serial16550Device("com1", COM1, 4, c2.line(4), c2.clock,
                new MemorySerialBackend());
        StateUnits.copy(original, restored);
        long due1 = original.poll(c1.clock.nanos()) - c1.clock.nanos();
        long due2 = restored.poll(c2.clock.nanos()) - c2.clock.nanos();
        assertNotEquals(Long.MAX_VALUE - c1.clock.nanos(), due1, "two bytes under the trigger level: timeout armed");
        assertEquals(due1, due2);
        c1.clock.advance(due1);
        c2.clock.advance(due1);
        original.poll(c1.clock.nanos());
        restored.poll(c2.clock.nanos());
        assertEquals(0xCC, new PortBus(restored).in8(COM1 + 2), "character timeout interrupt, FIFOs on");
        assertEquals(new PortBus(original).in8(COM1 + 2), 0xCC);
    }
}
