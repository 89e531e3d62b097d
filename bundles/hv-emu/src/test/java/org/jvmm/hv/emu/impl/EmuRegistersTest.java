package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.X86Msr;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Power-on state and register round trips through hv-api. */
class EmuRegistersTest {
    private EmuMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = new EmuMachine(2);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void processorsStartInTheResetStateWithApsWaitingForSipi() throws Exception {
        for (int i = 0; i < 2; i++) {
            VirtualProcessor vp = m.vp(i);
            Segment cs = vp.segmentRegisters().cs();
            assertEquals(0xF000, cs.selector());
            assertEquals(0xFFFF_0000L, cs.base());
            assertEquals(0xFFFF, cs.limit());
            assertTrue(cs.present());
            assertEquals(0xFFF0, vp.generalRegisters().rip());
            assertEquals(2, vp.generalRegisters().rflags());
            assertEquals(0x6000_0010L, vp.controlRegisters().cr0());
            assertEquals(0, vp.controlRegisters().efer());
            assertEquals(DebugRegisters.RESET, vp.debugRegisters());
            assertEquals(0xFEE0_0000L | 0x800 | (i == 0 ? 0x100 : 0), vp.readMsr(X86Msr.APIC_BASE));
            InspectNode n = new InspectNode();
            vp.inspect(n);
            assertEquals("real", n.at("mode").orElseThrow());
            assertEquals(i != 0, n.at("waitingForSipi").orElseThrow());
        }
    }

    @Test
    void generalRegistersRoundTrip() {
        long[] g = new long[16];
        for (int i = 0; i < 16; i++) {
            g[i] = 0x1111_1111_1111_1111L * (i + 1) ^ (long) i << 60;
        }
        GeneralRegisters regs = GeneralRegisters.of(g, 0xFFFF_8000_0010_0000L, 0x2D7);
        m.vp(0).setGeneralRegisters(regs);
        assertEquals(regs, m.vp(0).generalRegisters());
    }

    @Test
    void segmentRegistersRoundTripInThePackedAttributeForm() {
        SegmentRegisters regs = new SegmentRegisters(Segment.code64(0x10), Segment.data(0x18),
                new Segment(0x2B, 0x1234_0000L, 0xFFFFF, 0xF3 | Segment.DB | 1 << 8), Segment.data(0x18),
                new Segment(0, 0x7FFF_0000_1000L, 0, 0), Segment.data(0x18),
                new Segment(0x40, 0xFFFF_FE00_0000_3000L, 0x67, 0x8B), new Segment(0x50, 0x2000, 0x1F, 0x82),
                new TableRegister(0xFFFF_FE00_0000_1000L, 0x7F), new TableRegister(0xFFFF_FE00_0000_0000L, 0xFFF));
        m.vp(0).setSegmentRegisters(regs);
        assertEquals(regs, m.vp(0).segmentRegisters());
    }

    @Test
    void controlRegistersRoundTripWithCr8InTheApic() {
        ControlRegisters regs = new ControlRegisters(0x8005_0033L, 0xDEAD_B000L, 0x0012_3000L,
                ControlRegisters.CR4_PAE | ControlRegisters.CR4_PGE | ControlRegisters.CR4_OSFXSR, 9,
                ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA | ControlRegisters.EFER_NXE);
        m.vp(0).setControlRegisters(regs);
        assertEquals(regs, m.vp(0).controlRegisters());
        InspectNode n = new InspectNode();
        m.vp(0).inspect(n);
        assertEquals("0x90", n.at("apic/tpr").orElseThrow().toString());
    }

    @Test
    void debugRegistersRoundTrip() {
        DebugRegisters regs = new DebugRegisters(0x1000, 0x2000, 0x3000, 0x4000, 0xFFFF_0FF1L, 0x455);
        m.vp(0).setDebugRegisters(regs);
        assertEquals(regs, m.vp(0).debugRegisters());
    }

    @Test
    void fpuStateRoundTripsThroughTheFxsaveImage() {
        ByteBuffer b = ByteBuffer.wrap(FpuState.reset().fxsave()).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 0x027F); // FCW
        b.putShort(2, (short) (3 << 11 | 0x41)); // FSW: TOP = 3, C0 and IE
        b.put(4, (byte) 0x1C); // physical registers 2, 3, 4 (ST7, ST0, ST1) hold values
        b.putInt(24, 0x1FA0); // MXCSR
        b.putInt(28, 0xFFFF); // MXCSR_MASK
        b.putLong(32, 0xC000_0000_0000_0000L); // ST0 = 1.5
        b.putShort(40, (short) 0x3FFF);
        b.putLong(32 + 16, 0x8000_0000_0000_0000L); // ST1 = 2^-1070, a double denormal
        b.putShort(40 + 16, (short) (16383 - 1070));
        b.putLong(32 + 7 * 16, 0x8000_0000_0000_0000L); // ST7 = -2^-1000
        b.putShort(40 + 7 * 16, (short) (0x8000 | 16383 - 1000));
        for (int i = 0; i < 16; i++) {
            b.putLong(160 + 16 * i, 0x0101_0101_0101_0101L * i);
            b.putLong(168 + 16 * i, ~(long) i);
        }
        FpuState state = new FpuState(b.array());

        m.vp(0).setFpuState(state);
        FpuState back = m.vp(0).fpuState();
        assertEquals(state, back);
    }

    @Test
    void msrsGoThroughTheCpuAndTheApic() throws Exception {
        VirtualProcessor vp = m.vp(0);
        vp.writeMsr(X86Msr.LSTAR, 0xFFFF_FFFF_8100_0000L);
        assertEquals(0xFFFF_FFFF_8100_0000L, vp.readMsr(X86Msr.LSTAR));
        vp.writeMsr(X86Msr.KERNEL_GS_BASE, 0x1234_5000L);
        assertEquals(0x1234_5000L, vp.readMsr(X86Msr.KERNEL_GS_BASE));
        vp.writeMsr(X86Msr.APIC_BASE, 0xFEE0_0000L | 0x100 | 0x800 | 0x400); // x2APIC on
        assertEquals(0, vp.readMsr(0x802), "x2APIC ID register of APIC 0");
        vp.writeMsr(X86Msr.TSC, 1L << 40);
        long tsc = vp.readMsr(X86Msr.TSC);
        assertTrue(tsc >= 1L << 40 && tsc < (1L << 40) + 20_000_000_000L, "tsc " + tsc);
    }

    @Test
    void unknownMsrsAndInvalidValuesAreErrors() {
        VirtualProcessor vp = m.vp(0);
        HypervisorException read = assertThrows(HypervisorException.class, () -> vp.readMsr(0x1234_5678));
        assertTrue(read.getMessage().contains("0x12345678"), read.getMessage());
        assertThrows(HypervisorException.class, () -> vp.writeMsr(0x1234_5678, 1));
        assertThrows(HypervisorException.class, () -> vp.writeMsr(X86Msr.LSTAR, 0x8000_0000_0000_0000L));
        assertThrows(HypervisorException.class, () -> vp.readMsr(0x808), "x2APIC TPR while in xAPIC mode");
    }

    @Test
    void resetRestoresThePowerOnState() throws Exception {
        m.longMode(0, EmuMachine.CODE);
        m.vp(0).writeMsr(X86Msr.LSTAR, 0xFFFF_FFFF_8100_0000L);
        m.partition.reset();
        assertEquals(0xFFF0, m.vp(0).generalRegisters().rip());
        assertEquals(0xF000, m.vp(0).segmentRegisters().cs().selector());
        assertEquals(0, m.vp(0).controlRegisters().efer());
        assertEquals(0, m.vp(0).readMsr(X86Msr.LSTAR));
    }
}
