package org.jvmm.hv.whp.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import org.jvmm.hv.api.Segment;
import org.junit.jupiter.api.Test;

class ExitDecoderTest {
    /** Present, S, type B, DPL 0, L and G in WHP's 16-bit attribute form. */
    private static final int CODE64_WHP = 0x9B | 1 << 13 | 1 << 15;

    @Test
    void vpContextCarriesModeStateAndCodeSegment() {
        WhpExit exit = new ExitBytes(ExitReasons.WHvRunVpExitReasonX64Halt)
                .vp(1 << 2 | 1 << 4 | 1 << 12 | 3, 1, 0xA, 0xFFFF_8000_0000_1000L, 0x202)
                .cs(0, 0xFFFFFFFF, 0x10, CODE64_WHP).decode();
        VpContext vp = assertInstanceOf(WhpExit.Halt.class, exit).vp();
        assertTrue(vp.protectedMode());
        assertTrue(vp.longModeActive());
        assertTrue(vp.interruptShadow());
        assertEquals(3, vp.cpl());
        assertEquals(1, vp.instructionLength());
        assertEquals(0xA, vp.cr8());
        assertEquals(0xFFFF_8000_0000_1000L, vp.rip());
        assertTrue(vp.interruptsEnabled());
        assertFalse(vp.readyForInterrupt(), "the interrupt shadow blocks injection");
        assertEquals(Segment.code64(0x10), vp.cs());
    }

    @Test
    void ioPortAccess() {
        WhpExit.IoPort p = assertInstanceOf(WhpExit.IoPort.class,
                new ExitBytes(ExitReasons.WHvRunVpExitReasonX64IoPortAccess).vp(0, 1, 0, 0x100, 2)
                        .instruction(0xF3, 0x6E)
                        .u32(20, 1 | 1 << 1 | 1 << 4 | 1 << 5).u16(24, 0x3F8)
                        .u64(32, 0x41).u64(40, 7).u64(48, 0x5000).u64(56, 0x6000)
                        .segment(ExitBytes.UNION + 64, 0x100, 0xFFFF, 0x10, 0x93)
                        .segment(ExitBytes.UNION + 80, 0x200, 0xFFFF, 0x18, 0x93).decode());
        assertArrayEquals(new byte[] {(byte) 0xF3, 0x6E}, p.instruction());
        assertTrue(p.write());
        assertEquals(1, p.size());
        assertTrue(p.string());
        assertTrue(p.rep());
        assertEquals(0x3F8, p.port());
        assertEquals(0x41, p.rax());
        assertEquals(7, p.rcx());
        assertEquals(0x5000, p.rsi());
        assertEquals(0x6000, p.rdi());
        assertEquals(new Segment(0x10, 0x100, 0xFFFF, 0x93), p.ds());
        assertEquals(0x200, p.es().base());
    }

    @Test
    void inOfFourBytes() {
        WhpExit.IoPort p = (WhpExit.IoPort) new ExitBytes(ExitReasons.WHvRunVpExitReasonX64IoPortAccess)
                .u32(20, 4 << 1).u16(24, 0xCFC).decode();
        assertFalse(p.write());
        assertEquals(4, p.size());
        assertFalse(p.string());
        assertEquals(0xCFC, p.port());
    }

    @Test
    void memoryAccess() {
        WhpExit.MemoryAccess m = assertInstanceOf(WhpExit.MemoryAccess.class,
                new ExitBytes(ExitReasons.WHvRunVpExitReasonMemoryAccess).instruction(0x89, 0x08)
                        .u32(20, 1 | 1 << 2 | 1 << 3).u64(24, 0xFEC0_0010L).u64(32, 0xFFFF_FFFF_FEC0_0010L).decode());
        assertTrue(m.isWrite());
        assertTrue(m.gpaUnmapped());
        assertTrue(m.gvaValid());
        assertEquals(0xFEC0_0010L, m.gpa());
        assertEquals(0xFFFF_FFFF_FEC0_0010L, m.gva());
        assertArrayEquals(new byte[] {(byte) 0x89, 0x08}, m.instruction());
    }

    @Test
    void msrAndCpuid() {
        WhpExit.MsrAccess msr = (WhpExit.MsrAccess) new ExitBytes(ExitReasons.WHvRunVpExitReasonX64MsrAccess)
                .u32(0, 1).u32(4, 0xC000_0080).u64(8, 0x501).u64(16, 0x2).decode();
        assertTrue(msr.write());
        assertEquals(0xC000_0080, msr.msr());
        assertEquals(0x501, msr.rax());
        assertEquals(0x2, msr.rdx());
        WhpExit.Cpuid c = (WhpExit.Cpuid) new ExitBytes(ExitReasons.WHvRunVpExitReasonX64Cpuid)
                .u64(0, 1).u64(8, 0).u64(16, 3).u64(24, 4).u64(32, 5).u64(40, 6).u64(48, 7).u64(56, 8).decode();
        assertEquals(new WhpExit.Cpuid(c.vp(), 1, 0, 3, 4, 5, 6, 7, 8), c);
    }

    @Test
    void exceptionWindowEoiUnsupportedCanceled() {
        WhpExit.GuestException e = (WhpExit.GuestException) new ExitBytes(ExitReasons.WHvRunVpExitReasonException)
                .instruction(0xCC).u32(20, 1).u8(24, 3).u32(28, 0x10).u64(32, 0x4000).decode();
        assertEquals(3, e.type());
        assertTrue(e.errorCodeValid());
        assertFalse(e.software());
        assertEquals(0x10, e.errorCode());
        assertEquals(0x4000, e.parameter());
        assertEquals(2, ((WhpExit.InterruptWindow) new ExitBytes(ExitReasons.WHvRunVpExitReasonX64InterruptWindow)
                .u32(0, 2).decode()).deliverableType());
        assertEquals(0x31, ((WhpExit.ApicEoi) new ExitBytes(ExitReasons.WHvRunVpExitReasonX64ApicEoi)
                .u32(0, 0x31).decode()).vector());
        WhpExit.UnsupportedFeature f = (WhpExit.UnsupportedFeature) new ExitBytes(
                ExitReasons.WHvRunVpExitReasonUnsupportedFeature).u32(0, 2).u64(8, 0x99).decode();
        assertEquals(2, f.featureCode());
        assertEquals(0x99, f.parameter());
        assertInstanceOf(WhpExit.Canceled.class, new ExitBytes(ExitReasons.WHvRunVpExitReasonCanceled).decode());
    }

    @Test
    void reasonsWithoutContext() {
        assertInstanceOf(WhpExit.Unrecoverable.class,
                new ExitBytes(ExitReasons.WHvRunVpExitReasonUnrecoverableException).decode());
        assertInstanceOf(WhpExit.InvalidRegisterValue.class,
                new ExitBytes(ExitReasons.WHvRunVpExitReasonInvalidVpRegisterValue).decode());
        assertEquals(0x1003, assertInstanceOf(WhpExit.Other.class, new ExitBytes(0x1003).decode()).reason());
    }

    @Test
    void instructionByteCountIsCapped() {
        ExitBytes bytes = new ExitBytes(ExitReasons.WHvRunVpExitReasonMemoryAccess);
        bytes.u8(0, 200);
        assertEquals(16, ((WhpExit.MemoryAccess) bytes.decode()).instruction().length);
    }

    @Test
    void aShortBufferIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> ExitDecoder.decode(MemorySegment.ofArray(new byte[100])));
    }
}
