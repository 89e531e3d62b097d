package org.jvmm.hv.emu.impl.cpu.decode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.junit.jupiter.api.Test;

/** Decodes hand-written machine code and checks the decoded fields. */
class DecoderTest {

    private final Decoder decoder = new Decoder();

    private Insn decode(int codeSize, long rip, int... bytes) {
        byte[] buf = decoder.buffer();
        java.util.Arrays.fill(buf, (byte) 0);
        for (int i = 0; i < bytes.length; i++) {
            buf[i] = (byte) bytes[i];
        }
        Insn in = new Insn();
        int len = decoder.decode(in, bytes.length, rip, codeSize);
        if (len > 0) {
            assertEquals(len, in.len);
        }
        return len == Decoder.NEED_MORE ? null : in;
    }

    @Test
    void registerMoveWithRexW() {
        Insn in = decode(8, 0, 0x48, 0x89, 0xD8);
        assertEquals(Op.MOV_RM_R, in.op);
        assertEquals(3, in.reg);
        assertEquals(0, in.rm);
        assertEquals(8, in.osz);
        assertFalse(in.mem);
        assertEquals(3, in.len);
    }

    @Test
    void ripRelativeBecomesAbsolute() {
        Insn in = decode(8, 0x1000, 0x48, 0x8B, 0x05, 0x10, 0, 0, 0);
        assertTrue(in.mem);
        assertEquals(-1, in.base);
        assertEquals(0x1000 + 7 + 0x10, in.disp);
        assertEquals(-1, in.seg);
    }

    @Test
    void sibWithScaleAndRexExtensions() {
        Insn in = decode(8, 0, 0x4B, 0x8B, 0x44, 0xE5, 0xF8);
        assertEquals(Op.MOV_R_RM, in.op);
        assertEquals(13, in.base);
        assertEquals(12, in.index);
        assertEquals(3, in.scale);
        assertEquals(-8, in.disp);
        assertEquals(0, in.reg);
    }

    @Test
    void byteRegistersDependOnRex() {
        Insn noRex = decode(8, 0, 0x88, 0xE0);
        assertEquals(16, noRex.reg, "AH");
        Insn rex = decode(8, 0, 0x40, 0x88, 0xF0);
        assertEquals(6, rex.reg, "SIL");
    }

    @Test
    void sixteenBitAddressingAndDefaultSegments() {
        Insn in = decode(2, 0, 0x8B, 0x40, 0x02);
        assertEquals(3, in.base);
        assertEquals(6, in.index);
        assertEquals(2, in.disp);
        assertEquals(CpuState.DS, in.seg);
        assertEquals(2, in.osz);
        Insn bp = decode(2, 0, 0x8B, 0x46, 0xFE);
        assertEquals(5, bp.base);
        assertEquals(CpuState.SS, bp.seg);
        Insn override = decode(2, 0, 0x26, 0x8B, 0x46, 0xFE);
        assertEquals(CpuState.ES, override.seg);
        Insn opsize = decode(2, 0, 0x66, 0x67, 0x8B, 0x04, 0x24);
        assertEquals(4, opsize.osz);
        assertEquals(4, opsize.asz);
        assertEquals(4, opsize.base);
        assertEquals(CpuState.SS, opsize.seg);
    }

    @Test
    void prefixesAndStringOperations() {
        Insn in = decode(8, 0, 0xF3, 0x48, 0xAB);
        assertEquals(Op.STOS, in.op);
        assertEquals(Insn.REP, in.prefix & (Insn.REP | Insn.REPNE));
        assertEquals(8, in.osz);
        Insn lost = decode(8, 0, 0x48, 0x66, 0x89, 0xC0);
        assertEquals(2, lost.osz, "a REX followed by a legacy prefix is ignored");
        Insn fs = decode(8, 0, 0x64, 0x48, 0x8B, 0x04, 0x25, 0x28, 0, 0, 0);
        assertEquals(CpuState.FS, fs.seg);
        assertEquals(0x28, fs.disp);
        Insn ds = decode(8, 0, 0x3E, 0x8B, 0x00);
        assertEquals(-1, ds.seg, "DS override ignored in 64-bit mode");
    }

    @Test
    void branchTargetsAreAbsolute() {
        assertEquals(0x2000, decode(8, 0x2000, 0xEB, 0xFE).imm);
        assertEquals(0x1005, decode(8, 0x1000, 0xE8, 0, 0, 0, 0).imm);
        Insn jcc = decode(8, 0x1000, 0x0F, 0x85, 0xFA, 0xFF, 0xFF, 0xFF);
        assertEquals(Op.JCC, jcc.op);
        assertEquals(5, jcc.ext);
        assertEquals(0x1000, jcc.imm);
        assertTrue(jcc.ends);
        assertEquals(0x1004, decode(4, 0x2000, 0x66, 0xE9, 0x00, 0xF0).imm);
    }

    @Test
    void groupsAndImmediates() {
        assertEquals(Op.NEG, decode(8, 0, 0xF7, 0xD8).op);
        Insn bt = decode(8, 0, 0x0F, 0xBA, 0xE0, 0x05);
        assertEquals(Op.BT_RM_I, bt.op);
        assertEquals(0, bt.ext);
        assertEquals(5, bt.imm);
        Insn alu = decode(8, 0, 0x48, 0x83, 0xE8, 0xFF);
        assertEquals(Op.ALU_RM_I, alu.op);
        assertEquals(5, alu.ext);
        assertEquals(-1L, alu.imm);
        Insn mov = decode(8, 0, 0x48, 0xB8, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);
        assertEquals(Op.MOV_R_I, mov.op);
        assertEquals(0x1122_3344_5566_7788L, mov.imm);
        Insn moffs = decode(8, 0, 0x48, 0xA1, 0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11);
        assertEquals(Op.MOV_R_RM, moffs.op);
        assertEquals(0x1122_3344_5566_7788L, moffs.disp);
        assertEquals(10, moffs.len);
    }

    @Test
    void nopsSystemInstructionsAndInvalidOpcodes() {
        assertEquals(Op.NOP, decode(8, 0, 0x66, 0x0F, 0x1F, 0x44, 0, 0).op);
        assertEquals(Op.NOP, decode(8, 0, 0xF3, 0x0F, 0x1E, 0xFA).op, "endbr64");
        assertEquals(Op.PAUSE, decode(8, 0, 0xF3, 0x90).op);
        assertEquals(Op.SWAPGS, decode(8, 0, 0x0F, 0x01, 0xF8).op);
        assertTrue(decode(8, 0, 0x0F, 0x05).ends);
        assertEquals(Op.UD, decode(8, 0, 0x0F, 0x0B).op);
        assertEquals(Op.UD, decode(8, 0, 0x06).op, "PUSH ES is invalid in 64-bit mode");
        assertEquals(Op.PUSH_SREG, decode(4, 0, 0x06).op);
        assertEquals(Op.INC, decode(4, 0, 0x40).op);
    }

    @Test
    void lengthLimitAndMissingBytes() {
        int[] tooLong = new int[16];
        java.util.Arrays.fill(tooLong, 0x66);
        tooLong[15] = 0x90;
        assertEquals(Op.GP_LONG, decode(8, 0, tooLong).op);
        assertEquals(null, decode(8, 0, 0x48, 0x8B));
    }
}
