package org.jvmm.chipset.impl.pic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.impl.FakeChipset;
import org.jvmm.chipset.impl.PortBus;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PicDeviceTest {
    static final int M_CMD = 0x20, M_DATA = 0x21, S_CMD = 0xA0, S_DATA = 0xA1;

    FakeChipset chipset;
    PicDevice pic;
    PortBus bus;

    @BeforeEach
    void setUp() {
        chipset = new FakeChipset();
        pic = new PicDevice(chipset.cpu);
        bus = new PortBus(pic);
    }

    /** arch/x86/kernel/i8259.c: probe_8259A and init_8259A(auto_eoi = 0), vectors 0x30 and 0x38. */
    void linuxInit(boolean autoEoi) {
        bus.out8(S_DATA, 0xFF);
        bus.out8(M_DATA, 0xA5);
        assertEquals(0xA5, bus.in8(M_DATA), "Linux's probe reads back the mask");
        bus.out8(M_DATA, 0xFF);
        bus.out8(M_CMD, 0x11);
        bus.out8(M_DATA, 0x30);
        bus.out8(M_DATA, 0x04);
        bus.out8(M_DATA, autoEoi ? 0x03 : 0x01);
        bus.out8(S_CMD, 0x11);
        bus.out8(S_DATA, 0x38);
        bus.out8(S_DATA, 0x02);
        bus.out8(S_DATA, 0x01);
        bus.out8(M_DATA, 0x00);
        bus.out8(S_DATA, 0x00);
    }

    void eoiMaster(int irq) {
        bus.out8(M_CMD, 0x60 | irq);
    }

    int readIsr(int cmdPort) {
        bus.out8(cmdPort, 0x0B);
        int v = bus.in8(cmdPort);
        bus.out8(cmdPort, 0x0A);
        return v;
    }

    @Test
    void linuxInitThenAnEdgeInterruptIsDeliveredAndAcknowledged() {
        linuxInit(false);
        assertFalse(chipset.cpu.picOutput);
        pic.setInput(1, true);
        assertTrue(chipset.cpu.picOutput, "INTR raised");
        assertEquals(0x02, bus.in8(M_CMD), "IRR shows IRQ 1 (OCW3 selected IRR)");
        assertEquals(0x31, pic.acknowledge());
        assertFalse(chipset.cpu.picOutput, "in service, request cleared");
        assertEquals(0x02, readIsr(M_CMD));
        pic.setInput(1, false);
        eoiMaster(1);
        assertEquals(0x00, readIsr(M_CMD));
        assertEquals(-1, pic.acknowledge(), "nothing pending and INTR was not raised");
    }

    @Test
    void lowerNumberWinsAndInServiceBlocksLowerPriorityUntilEoi() {
        linuxInit(false);
        pic.setInput(4, true);
        pic.setInput(3, true);
        assertEquals(0x33, pic.acknowledge());
        assertFalse(chipset.cpu.picOutput, "IRQ 4 waits behind IRQ 3 in service");
        pic.setInput(0, true);
        assertTrue(chipset.cpu.picOutput, "IRQ 0 preempts");
        assertEquals(0x30, pic.acknowledge());
        bus.out8(M_CMD, 0x20); // non-specific EOI: clears the highest priority in service, IRQ 0
        assertEquals(0x08, readIsr(M_CMD));
        eoiMaster(3);
        assertEquals(0x34, pic.acknowledge());
    }

    @Test
    void slaveInterruptsCascadeThroughIrq2() {
        linuxInit(false);
        pic.setInput(12, true);
        pic.setInput(3, true);
        assertEquals(0x3C, pic.acknowledge(), "IRQ 12 arrives at master input 2, above IRQ 3");
        assertEquals(0x04, readIsr(M_CMD));
        assertEquals(0x10, readIsr(S_CMD));
        bus.out8(S_CMD, 0x64); // specific EOI to the slave, then the cascade on the master (Linux)
        eoiMaster(2);
        assertEquals(0x33, pic.acknowledge());
    }

    @Test
    void maskedInputsWaitUntilUnmasked() {
        linuxInit(false);
        bus.out8(M_DATA, 0x02);
        pic.setInput(1, true);
        assertFalse(chipset.cpu.picOutput);
        bus.out8(M_DATA, 0x00);
        assertTrue(chipset.cpu.picOutput);
        assertEquals(0x31, pic.acknowledge());
    }

    @Test
    void vanishedLevelRequestGivesSpuriousIrq7AndIrq15() {
        linuxInit(false);
        bus.out8(0x4D0, 0x20); // IRQ 5 level-triggered
        bus.out8(0x4D1, 0x0E); // IRQ 9..11 level-triggered
        assertEquals(0x0E, bus.in8(0x4D1));
        pic.setInput(5, true);
        assertTrue(chipset.cpu.picOutput);
        pic.setInput(5, false);
        assertFalse(chipset.cpu.picOutput);
        assertEquals(0x37, pic.acknowledge(), "INTR was raised: the INTA gets IRQ 7");
        assertEquals(0x00, readIsr(M_CMD), "a spurious IRQ 7 is not put in service");

        pic.setInput(9, true);
        assertTrue(chipset.cpu.picOutput);
        pic.setInput(9, false);
        assertTrue(chipset.cpu.picOutput, "the master latched the cascade's edge");
        assertEquals(0x3F, pic.acknowledge(), "the slave has nothing: spurious IRQ 15");
        assertEquals(0x04, readIsr(M_CMD), "the master put its cascade in service");
        assertEquals(0x00, readIsr(S_CMD));
        eoiMaster(2);
        assertFalse(chipset.cpu.picOutput);
    }

    @Test
    void aSecondSlaveRequestDuringInServiceIsDeliveredAfterEoi() {
        linuxInit(false);
        pic.setInput(10, true);
        assertEquals(0x3A, pic.acknowledge());
        pic.setInput(8, true); // higher priority than IRQ 10 in service on the slave
        assertFalse(chipset.cpu.picOutput, "the master's IRQ 2 is in service");
        bus.out8(S_CMD, 0x62);
        eoiMaster(2);
        assertTrue(chipset.cpu.picOutput);
        assertEquals(0x38, pic.acknowledge());
    }

    @Test
    void elcrCannotMakeTimerKeyboardCascadeRtcOrFpuLevel() {
        bus.out8(0x4D0, 0xFF);
        bus.out8(0x4D1, 0xFF);
        assertEquals(0xF8, bus.in8(0x4D0));
        assertEquals(0xDE, bus.in8(0x4D1));
    }

    @Test
    void levelInputStaysRequestedWhileHigh() {
        linuxInit(false);
        bus.out8(0x4D0, 0x20);
        pic.setInput(5, true);
        assertEquals(0x35, pic.acknowledge());
        eoiMaster(5);
        assertTrue(chipset.cpu.picOutput, "still high after EOI: requested again");
        assertEquals(0x35, pic.acknowledge());
        pic.setInput(5, false);
        eoiMaster(5);
        assertFalse(chipset.cpu.picOutput);
    }

    @Test
    void autoEoiLeavesNothingInService() {
        linuxInit(true);
        pic.setInput(1, true);
        assertEquals(0x31, pic.acknowledge());
        assertEquals(0x00, readIsr(M_CMD));
        pic.setInput(1, false);
        pic.setInput(1, true);
        assertEquals(0x31, pic.acknowledge(), "no EOI needed for the next one");
    }

    @Test
    void pollModeAcknowledgesThroughThePort() {
        linuxInit(false);
        bus.out8(M_DATA, 0xFF); // masked: with the processor's INTR unused, software polls
        bus.out8(M_DATA, 0x00);
        pic.setInput(6, true);
        bus.out8(M_CMD, 0x0C);
        assertEquals(0x86, bus.in8(M_CMD));
        assertEquals(0x40, readIsr(M_CMD), "the poll read acknowledged IRQ 6");
        bus.out8(M_CMD, 0x0C);
        assertEquals(0x00, bus.in8(M_CMD), "nothing else pending");
    }

    @Test
    void rotationMakesTheServicedInputLowestPriority() {
        linuxInit(false);
        pic.setInput(0, true);
        assertEquals(0x30, pic.acknowledge());
        bus.out8(M_CMD, 0xA0); // rotate on non-specific EOI: IRQ 0 becomes lowest
        pic.setInput(0, false);
        pic.setInput(0, true);
        pic.setInput(7, true);
        assertEquals(0x37, pic.acknowledge(), "IRQ 7 now outranks IRQ 0");
        bus.out8(M_CMD, 0xC4); // set priority: IRQ 4 lowest, IRQ 5 highest
        bus.out8(M_CMD, 0x67);
        pic.setInput(5, true);
        assertEquals(0x35, pic.acknowledge());
    }

    @Test
    void specialMaskModeLetsLowerPrioritiesIn() {
        linuxInit(false);
        pic.setInput(1, true);
        assertEquals(0x31, pic.acknowledge());
        pic.setInput(4, true);
        assertFalse(chipset.cpu.picOutput);
        bus.out8(M_DATA, 0x02); // mask the in-service IRQ 1
        bus.out8(M_CMD, 0x68); // set special mask mode
        assertTrue(chipset.cpu.picOutput);
        assertEquals(0x34, pic.acknowledge());
    }

    @Test
    void resetAndBadAccesses() {
        linuxInit(false);
        pic.setInput(1, true);
        pic.reset();
        assertFalse(chipset.cpu.picOutput);
        assertEquals(0x00, bus.in8(M_DATA));
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, pic.ioRead(M_DATA, 2, v));
        assertEquals(IoResult.INVALID_REGISTER, pic.ioWrite(0x22, 1, 0));
        pic.setInput(99, true);
        assertEquals(16, pic.pins());
    }
}
