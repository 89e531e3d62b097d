package org.jvmm.hv.kvm.impl;

import static org.jvmm.hv.kvm.impl.KvmRealModeTest.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.api.X86Msr;
import org.junit.jupiter.api.Test;

/** Register state through KVM_GET/SET_REGS, SREGS, FPU, DEBUGREGS and MSRS, as the guest sees it, and reset. */
class KvmRegistersTest {
    /** out dx,al; inc cx; cli; hlt */
    static final byte[] OUT_INC = bytes(0xee, 0x41, 0xfa, 0xf4);

    @Test
    void generalRegistersRoundTripAndAreWhatTheGuestUses() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            g.load(0x1000, OUT_INC);
            g.realMode(vp, 0x1000);
            long[] gprs = new long[16];
            for (int i = 0; i < 16; i++) {
                gprs[i] = 0x1111_1111_1111_1111L * (i + 1);
            }
            gprs[0] = 0x5A;
            gprs[1] = 5;
            gprs[2] = 0x3f8;
            gprs[4] = 0x7000;
            GeneralRegisters set = GeneralRegisters.of(gprs, 0x1000, 0x2 | 0x1 | 0x40);
            vp.setGeneralRegisters(set);
            assertEquals(set, vp.generalRegisters());
            RecordingIo io = new RecordingIo();
            var run = g.start(vp, io);
            io.awaitOut(0x3f8, 0x5A);
            Thread.sleep(20);
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            GeneralRegisters after = vp.generalRegisters();
            assertEquals(6, after.rcx(), "the guest incremented cx");
            assertEquals(0x1000 + OUT_INC.length, after.rip());
            for (int i : new int[] {3, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15}) {
                assertEquals(gprs[i], after.gprs()[i], "register " + i + " kept");
            }
        }
    }

    @Test
    void segmentAndControlRegistersRoundTripInEitherOrder() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            SegmentRegisters segments = new SegmentRegisters(Segment.code32(0x08), Segment.data(0x10),
                    Segment.data(0x10), new Segment(0x18, 0x12345000L, 0xFFFFF, 0x3 | Segment.S | Segment.P | Segment.DB),
                    Segment.data(0x10), Segment.data(0x10), new Segment(0x28, 0x5000, 0x67, 0xB | Segment.P),
                    new Segment(0, 0, 0, 0), new TableRegister(0x1000, 0x2F), new TableRegister(0x2000, 0x7FF));
            ControlRegisters control = new ControlRegisters(ControlRegisters.CR0_PE | ControlRegisters.CR0_ET
                    | ControlRegisters.CR0_NE, 0xDEAD_0000L, 0x0, ControlRegisters.CR4_OSFXSR, 3, 0);
            vp.setSegmentRegisters(segments);
            vp.setControlRegisters(control);
            assertEquals(segments, vp.segmentRegisters());
            assertEquals(control, vp.controlRegisters());
            g.load(0x1000, bytes(0xf4));
            vp.setGeneralRegisters(vp.generalRegisters().withRip(0x1000));
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, g.start(vp, new RecordingIo()).get(5, TimeUnit.SECONDS));
            assertEquals(segments, vp.segmentRegisters(), "as KVM reads them back after KVM_SET_SREGS");
            assertEquals(control, vp.controlRegisters());
        }
    }

    @Test
    void fpuDebugRegistersAndMsrsRoundTrip() throws Exception {
        try (TinyGuest g = TinyGuest.small()) {
            VirtualProcessor vp = g.vp(0);
            byte[] fx = FpuState.reset().fxsave();
            MemorySegment s = MemorySegment.ofArray(fx);
            s.set(ValueLayout.JAVA_SHORT_UNALIGNED, 0, (short) 0x027F);
            s.set(ValueLayout.JAVA_INT_UNALIGNED, 24, 0x1FA0);
            for (int i = 0; i < 16 * 16; i++) {
                fx[160 + i] = (byte) (i * 7 + 1);
            }
            for (int i = 0; i < 10; i++) {
                fx[32 + i] = (byte) (0x30 + i);
            }
            vp.setFpuState(new FpuState(fx));
            byte[] back = vp.fpuState().fxsave();
            assertEquals(0x027F, MemorySegment.ofArray(back).get(ValueLayout.JAVA_SHORT_UNALIGNED, 0));
            assertEquals(0x1FA0, MemorySegment.ofArray(back).get(ValueLayout.JAVA_INT_UNALIGNED, 24));
            assertArrayEquals(Arrays.copyOfRange(fx, 160, 416), Arrays.copyOfRange(back, 160, 416), "XMM0-15");
            assertArrayEquals(Arrays.copyOfRange(fx, 32, 42), Arrays.copyOfRange(back, 32, 42), "ST0");

            DebugRegisters dr = new DebugRegisters(0x1000, 0x2000, 0x3000, 0x4000, 0xFFFF0FF0L, 0x400 | 0x1);
            vp.setDebugRegisters(dr);
            assertEquals(dr, vp.debugRegisters());

            vp.writeMsr(X86Msr.LSTAR, 0xFFFF_8000_1234_5678L);
            vp.writeMsr(X86Msr.SYSENTER_CS, 0x10);
            vp.writeMsr(X86Msr.KERNEL_GS_BASE, 0x7000_0000L);
            assertEquals(0xFFFF_8000_1234_5678L, vp.readMsr(X86Msr.LSTAR));
            assertEquals(0x10, vp.readMsr(X86Msr.SYSENTER_CS));
            assertEquals(0x7000_0000L, vp.readMsr(X86Msr.KERNEL_GS_BASE));
            HypervisorException e = assertThrows(HypervisorException.class, () -> vp.readMsr(0x1234_5678));
            assertTrue(e.getMessage().contains("KVM_GET_MSRS") && e.getMessage().contains("0x12345678"), e.getMessage());
        }
    }

    @Test
    void resetRestoresThePowerOnState() throws Exception {
        try (TinyGuest g = TinyGuest.create(org.jvmm.guestmem.GuestMemoryLayout.pc(2 << 20), 2)) {
            VirtualProcessor vp = g.vp(0);
            GeneralRegisters powerOn = vp.generalRegisters();
            SegmentRegisters powerOnSegments = vp.segmentRegisters();
            assertEquals(0xFFF0, powerOn.rip());
            assertEquals(0xF000, powerOnSegments.cs().selector());
            assertEquals(0xFFFF_0000L, powerOnSegments.cs().base());
            g.load(0x1000, OUT_INC);
            g.realMode(vp, 0x1000);
            vp.writeMsr(X86Msr.LSTAR, 0x1234);
            var run = g.start(vp, new RecordingIo());
            Thread.sleep(50);
            vp.requestStop();
            assertInstanceOf(VpExit.Stopped.class, run.get(5, TimeUnit.SECONDS));
            vp.clearStop();
            g.partition.reset();
            assertEquals(powerOn, vp.generalRegisters());
            assertEquals(powerOnSegments, vp.segmentRegisters());
            assertEquals(0, vp.readMsr(X86Msr.LSTAR));
            assertEquals(FpuState.reset().fxsave()[0], vp.fpuState().fxsave()[0]);
            assertEquals(List.of(0, 1), List.of(((org.jvmm.hv.kvm.impl.vp.KvmVp) vp).mpState(),
                    ((org.jvmm.hv.kvm.impl.vp.KvmVp) g.vp(1)).mpState()), "BSP runnable, AP waiting for INIT");
        }
    }
}
