package org.jvmm.chipset.impl.serial;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.serial.MemorySerialBackend;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class Serial16550DeviceTest {
    static final int BASE = 0x3F8;
    static final int THR = BASE, IER = BASE + 1, IIR = BASE + 2, FCR = BASE + 2, LCR = BASE + 3, MCR = BASE + 4,
            LSR = BASE + 5, MSR = BASE + 6, SCR = BASE + 7;

    FakeChipset chipset;
    MemorySerialBackend backend;
    Serial16550Device device;
    PortBus bus;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        backend = new MemorySerialBackend();
        device = new Serial16550Device("com1", BASE, 4, chipset.line(4), chipset.clock, backend);
        backend.setWakeListener(chipset.waker(device)::wake);
        bus = new PortBus(device);
    }

    @Test
    void powerOnRegisters() {
        assertEquals(0x01, bus.in8(IIR));
        assertEquals(0x60, bus.in8(LSR));
        assertEquals(0x00, bus.in8(IER));
        assertEquals(0x00, bus.in8(LCR));
        assertEquals(0xB0, bus.in8(MSR), "connected backend: CTS, DSR and DCD");
    }

    @Test
    void divisorLatchIsBehindDlab() {
        bus.out8(IER, 0x05);
        bus.out8(LCR, 0x80);
        bus.out8(THR, 0x0C);
        bus.out8(IER, 0x01);
        assertEquals(0x0C, bus.in8(THR));
        assertEquals(0x01, bus.in8(IER));
        bus.out8(LCR, 0x03);
        assertEquals(0x05, bus.in8(IER), "IER kept while DLAB was set");
        assertArrayEquals(new byte[0], backend.output(), "divisor writes are not transmitted");
        InspectNode node = new InspectNode();
        device.inspect(node);
        assertEquals(0x10C, ((Number) node.at("divisor").orElseThrow()).intValue());
    }

    @Test
    void transmitGoesToBackendAndScratchRegisterHolds() {
        for (char c : "hi\n".toCharArray()) {
            bus.out8(THR, c);
        }
        assertEquals("hi\n", backend.outputText());
        bus.out8(SCR, 0x5A);
        assertEquals(0x5A, bus.in8(SCR));
        assertEquals(0x60, bus.in8(LSR) & 0x60, "THR and transmitter empty at once");
    }

    @Test
    void loopbackReturnsTransmittedBytesAndMirrorsModemLines() {
        bus.out8(FCR, 0x01);
        bus.out8(MCR, 0x10);
        bus.in8(MSR); // clear the deltas of entering loopback
        bus.out8(THR, 'A');
        bus.out8(THR, 'B');
        assertEquals("", backend.outputText(), "loopback does not transmit");
        assertEquals(0x01, bus.in8(LSR) & 0x01);
        assertEquals('A', bus.in8(THR));
        assertEquals('B', bus.in8(THR));
        assertEquals(0x00, bus.in8(LSR) & 0x01);

        bus.out8(MCR, 0x10 | 0x02 | 0x01 | 0x04 | 0x08); // RTS, DTR, OUT1, OUT2
        assertEquals(0xF0 | 0x01 | 0x02 | 0x08, bus.in8(MSR), "CTS, DSR, RI, DCD with deltas of CTS, DSR, DCD");
        bus.out8(MCR, 0x10);
        assertEquals(0x01 | 0x02 | 0x04 | 0x08, bus.in8(MSR), "all low: deltas and trailing edge of RI");
        assertEquals(0x00, bus.in8(MSR), "reading MSR clears the deltas");
    }

    @Test
    void interruptIdentificationFollowsPriority() {
        bus.out8(FCR, 0x01);
        bus.out8(MCR, 0x10);
        bus.in8(MSR);
        for (int i = 0; i < 17; i++) {
            bus.out8(THR, 'a' + i); // the 17th overruns the 16-byte FIFO
        }
        bus.out8(MCR, 0x10 | 0x02); // a modem status change (CTS)
        bus.out8(IER, 0x0F);
        assertEquals(0xC6, bus.in8(IIR), "line status first");
        assertEquals(0x03, bus.in8(LSR) & 0x03, "overrun and data ready");
        assertEquals(0xC4, bus.in8(IIR), "then received data");
        for (int i = 0; i < 16; i++) {
            assertEquals('a' + i, bus.in8(THR));
        }
        assertEquals(0xC2, bus.in8(IIR), "then THR empty, cleared by reading IIR");
        assertEquals(0xC0, bus.in8(IIR), "then modem status");
        bus.in8(MSR);
        assertEquals(0xC1, bus.in8(IIR), "none left");
    }

    @Test
    void fifoTriggerLevelAndCharacterTimeout() {
        bus.out8(LCR, 0x03); // 8N1: 10 bits a character
        bus.out8(FCR, 0x81); // FIFO on, trigger 8
        bus.out8(IER, 0x01);
        bus.out8(MCR, 0x08);
        backend.feed("1234567");
        long timeout = 4L * 10 * 1_000_000_000L / 115_200; // divisor 0 counts as 1
        assertEquals(chipset.clock.nanos() + timeout, device.poll(chipset.clock.nanos()), "timeout deadline");
        assertEquals(0xC1, bus.in8(IIR), "7 bytes are below the trigger level");
        assertFalse(chipset.line(4).level);

        chipset.clock.advance(timeout);
        device.poll(chipset.clock.nanos());
        assertEquals(0xCC, bus.in8(IIR), "character timeout");
        assertTrue(chipset.line(4).level);

        backend.feed("8");
        device.poll(chipset.clock.nanos());
        assertEquals(0xC4, bus.in8(IIR), "8 bytes reach the trigger level");
        assertEquals('1', bus.in8(THR));
        assertEquals(0xC1, bus.in8(IIR), "7 left, and a read restarts the timeout");
        assertTrue(chipset.wakes(device) >= 2, "the backend wakes the port for input");
    }

    @Test
    void triggerLevelsAre1_4_8_14() {
        int[] fcr = {0x01, 0x41, 0x81, 0xC1};
        int[] levels = {1, 4, 8, 14};
        bus.out8(IER, 0x01);
        for (int i = 0; i < 4; i++) {
            bus.out8(FCR, fcr[i] | 0x02);
            backend.feed(new byte[levels[i] - 1]);
            device.poll(chipset.clock.nanos());
            assertEquals(0xC1, bus.in8(IIR), "level " + levels[i] + " minus one");
            backend.feed(new byte[1]);
            device.poll(chipset.clock.nanos());
            assertEquals(0xC4, bus.in8(IIR), "level " + levels[i]);
        }
    }

    @Test
    void withoutFifoASecondByteOverruns() {
        bus.out8(MCR, 0x10);
        bus.out8(THR, 'A');
        bus.out8(THR, 'B');
        assertEquals(0x03, bus.in8(LSR) & 0x03, "data ready and overrun");
        assertEquals('A', bus.in8(THR));
        assertEquals(0x00, bus.in8(LSR) & 0x03, "reading LSR cleared the overrun");
    }

    @Test
    void fifoHoldsSixteenAndLeavesTheRestInTheBackend() {
        bus.out8(FCR, 0x01);
        backend.feed(new byte[20]);
        device.poll(chipset.clock.nanos());
        assertEquals(4, backend.pendingInput());
        bus.in8(THR);
        assertEquals(3, backend.pendingInput(), "a read makes room for the next byte");
        assertEquals(0x00, bus.in8(LSR) & 0x02, "no overrun from the backend");
    }

    @Test
    void irqNeedsOut2AndFollowsThreInterrupt() {
        bus.out8(IER, 0x02);
        assertFalse(chipset.line(4).level, "OUT2 gates the IRQ");
        bus.out8(MCR, 0x08);
        assertTrue(chipset.line(4).level, "THR empty raises the line");
        assertEquals(0x02, bus.in8(IIR));
        assertFalse(chipset.line(4).level, "reading IIR clears THRE");
        bus.out8(THR, 'x');
        assertTrue(chipset.line(4).level, "a transmitted byte empties THR again");
        bus.out8(MCR, 0x18);
        assertFalse(chipset.line(4).level, "no IRQ in loopback");
    }

    @Test
    void backendDisconnectIsAModemStatusInterrupt() {
        bus.out8(IER, 0x08);
        bus.out8(MCR, 0x08);
        backend.setConnected(false);
        device.poll(chipset.clock.nanos());
        assertEquals(0x00, bus.in8(IIR));
        assertTrue(chipset.line(4).level);
        assertEquals(0x01 | 0x02 | 0x08, bus.in8(MSR), "CTS, DSR and DCD dropped");
        assertFalse(chipset.line(4).level);
    }

    @Test
    void resetRestoresPowerOnState() {
        bus.out8(LCR, 0x83);
        bus.out8(IER, 0x0F);
        bus.out8(FCR, 0x01);
        bus.out8(MCR, 0x1F);
        bus.out8(SCR, 0x77);
        device.reset();
        assertEquals(0x00, bus.in8(LCR));
        assertEquals(0x00, bus.in8(IER));
        assertEquals(0x01, bus.in8(IIR));
        assertEquals(0x00, bus.in8(MCR));
        assertEquals(0x00, bus.in8(SCR));
        assertEquals(0x60, bus.in8(LSR));
    }

    @Test
    void badAccessesAreResultsNotExceptions() {
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, device.ioRead(THR, 2, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, device.ioWrite(THR, 4, 0));
        assertEquals(IoResult.INVALID_REGISTER, device.ioRead(BASE + 8, 1, v));
        assertEquals(IoResult.INVALID_REGISTER, device.ioWrite(BASE - 1, 1, 0));
    }
}
