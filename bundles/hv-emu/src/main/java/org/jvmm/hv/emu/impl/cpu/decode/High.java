package org.jvmm.hv.emu.impl.cpu.decode;

import static org.jvmm.hv.emu.impl.cpu.decode.OneByteMap.invalid64;
import static org.jvmm.hv.emu.impl.cpu.decode.OneByteMap.portSize;
import static org.jvmm.hv.emu.impl.cpu.decode.OneByteMap.rmOperands;
import static org.jvmm.hv.emu.impl.cpu.decode.OneByteMap.stringSize;

import org.jvmm.hv.emu.impl.cpu.CpuState;

/** One-byte opcodes 0x80..0xFF (except B0..BF and the x87 escapes). */
final class High {

    private High() {
    }

    static void decode(Decoder d, Insn in, int c) {
        if (c < 0xA0) {
            decode8x(d, in, c);
        } else if (c < 0xC0) {
            decodeAx(d, in, c);
        } else if (c < 0xE0) {
            decodeCx(d, in, c);
        } else {
            decodeEx(d, in, c);
        }
    }

    private static void decode8x(Decoder d, Insn in, int c) {
        switch (c) {
            case 0x80, 0x81, 0x82, 0x83 -> {
                in.op = Op.ALU_RM_I;
                d.modrm(in);
                in.ext = d.group();
                if (c == 0x81) {
                    in.imm = d.immZ();
                } else if (c == 0x83) {
                    in.imm = d.s8();
                } else {
                    in.osz = 1;
                    d.byteRm(in);
                    in.imm = d.u8();
                    if (c == 0x82) {
                        invalid64(d, in);
                    }
                }
            }
            case 0x84, 0x85 -> {
                in.op = Op.TEST_RM_R;
                rmOperands(d, in, c);
            }
            case 0x86, 0x87 -> {
                in.op = Op.XCHG_RM_R;
                rmOperands(d, in, c);
            }
            case 0x88, 0x89 -> {
                in.op = Op.MOV_RM_R;
                rmOperands(d, in, c);
            }
            case 0x8A, 0x8B -> {
                in.op = Op.MOV_R_RM;
                rmOperands(d, in, c);
            }
            case 0x8C -> {
                in.op = Op.MOV_RM_SREG;
                d.modrm(in);
                in.reg = d.group();
                if (in.mem) {
                    in.osz = 2;
                }
                if (in.reg > 5) {
                    in.op = Op.UD;
                }
            }
            case 0x8D -> {
                in.op = Op.LEA;
                d.modrm(in);
                if (!in.mem) {
                    in.op = Op.UD;
                }
            }
            case 0x8E -> {
                in.op = Op.MOV_SREG_RM;
                d.modrm(in);
                in.reg = d.group();
                in.osz = 2;
                in.ends = in.reg == CpuState.SS;
                if (in.reg > 5 || in.reg == CpuState.CS) {
                    in.op = Op.UD;
                }
            }
            case 0x8F -> {
                in.op = Op.POP_RM;
                d.modrm(in);
                d.size64(in, false);
                if (d.group() != 0) {
                    in.op = Op.UD;
                }
            }
            case 0x90 -> {
                if ((d.rex & 1) != 0) {
                    in.op = Op.XCHG_RM_R;
                    in.rm = 8;
                    in.reg = 0;
                } else {
                    in.op = d.rep == Insn.REP ? Op.PAUSE : Op.NOP;
                }
            }
            case 0x98 -> in.op = Op.CBW;
            case 0x99 -> in.op = Op.CWD;
            case 0x9A -> {
                in.op = Op.CALL_FAR;
                in.imm = in.osz == 2 ? d.u16() : d.s32() & 0xFFFF_FFFFL;
                in.imm2 = d.u16();
                in.ends = true;
                invalid64(d, in);
            }
            case 0x9B -> in.op = Op.FWAIT;
            case 0x9C -> {
                in.op = Op.PUSHF;
                d.size64(in, false);
            }
            case 0x9D -> {
                in.op = Op.POPF;
                d.size64(in, false);
                in.ends = true;
            }
            case 0x9E -> in.op = Op.SAHF;
            case 0x9F -> in.op = Op.LAHF;
            default -> in.op = Op.UD;
        }
    }

    private static void decodeAx(Decoder d, Insn in, int c) {
        switch (c) {
            case 0xA0, 0xA1, 0xA2, 0xA3 -> {
                in.op = c < 0xA2 ? Op.MOV_R_RM : Op.MOV_RM_R;
                long off = d.asz == 8 ? d.u64() : d.asz == 4 ? d.s32() & 0xFFFF_FFFFL : d.u16();
                d.absolute(in, off);
                in.reg = 0;
                stringSize(in, c);
            }
            case 0xA4, 0xA5 -> string(d, in, c, Op.MOVS, true);
            case 0xA6, 0xA7 -> string(d, in, c, Op.CMPS, true);
            case 0xAA, 0xAB -> string(d, in, c, Op.STOS, false);
            case 0xAC, 0xAD -> string(d, in, c, Op.LODS, true);
            case 0xAE, 0xAF -> string(d, in, c, Op.SCAS, false);
            case 0xA8 -> {
                in.op = Op.TEST_RM_I;
                in.osz = 1;
                in.imm = d.u8();
            }
            case 0xA9 -> {
                in.op = Op.TEST_RM_I;
                in.imm = d.immZ();
            }
            default -> in.op = Op.UD;
        }
    }

    private static void string(Decoder d, Insn in, int c, int op, boolean source) {
        in.op = op;
        stringSize(in, c);
        if (source) {
            d.dataSegment(in);
        }
    }

    private static void decodeCx(Decoder d, Insn in, int c) {
        switch (c) {
            case 0xC0, 0xC1, 0xD0, 0xD1, 0xD2, 0xD3 -> {
                in.op = c >= 0xD2 ? Op.SHIFT_CL : Op.SHIFT_I;
                d.modrm(in);
                in.ext = d.group();
                if ((c & 1) == 0) {
                    in.osz = 1;
                    d.byteRm(in);
                }
                in.imm = c < 0xD0 ? d.u8() : 1;
            }
            case 0xC2, 0xC3 -> {
                in.op = Op.RET;
                d.size64(in, true);
                in.imm = c == 0xC2 ? d.u16() : 0;
                in.ends = true;
            }
            case 0xC4, 0xC5 -> {
                in.op = Op.LSEG;
                in.ext = c == 0xC4 ? CpuState.ES : CpuState.DS;
                d.modrm(in);
                if (!in.mem || d.m64) {
                    in.op = Op.UD;
                }
            }
            case 0xC6, 0xC7 -> {
                in.op = Op.MOV_RM_I;
                d.modrm(in);
                if (c == 0xC6) {
                    in.osz = 1;
                    d.byteRm(in);
                    in.imm = d.u8();
                } else {
                    in.imm = d.immZ();
                }
                if (d.group() != 0) {
                    in.op = Op.UD;
                }
            }
            case 0xC8 -> {
                in.op = Op.ENTER;
                d.size64(in, false);
                in.imm = d.u16();
                in.imm2 = d.u8();
            }
            case 0xC9 -> {
                in.op = Op.LEAVE;
                d.size64(in, false);
            }
            case 0xCA, 0xCB -> {
                in.op = Op.RETF;
                in.imm = c == 0xCA ? d.u16() : 0;
                in.ends = true;
            }
            case 0xCC -> control(in, Op.INT3);
            case 0xCD -> {
                control(in, Op.INT);
                in.imm = d.u8();
            }
            case 0xCE -> {
                control(in, Op.INTO);
                invalid64(d, in);
            }
            case 0xCF -> control(in, Op.IRET);
            case 0xD4, 0xD5 -> {
                in.op = c == 0xD4 ? Op.AAM : Op.AAD;
                in.imm = d.u8();
                invalid64(d, in);
            }
            case 0xD6 -> {
                in.op = Op.SALC;
                invalid64(d, in);
            }
            case 0xD7 -> {
                in.op = Op.XLAT;
                d.dataSegment(in);
            }
            default -> in.op = Op.UD;
        }
    }

    private static void control(Insn in, int op) {
        in.op = op;
        in.ends = true;
    }

    private static void decodeEx(Decoder d, Insn in, int c) {
        switch (c) {
            case 0xE0, 0xE1, 0xE2, 0xE3 -> {
                control(in, Op.LOOP);
                in.ext = c & 3;
                d.size64(in, true);
                d.rel8(in);
            }
            case 0xE4, 0xE5, 0xE6, 0xE7 -> {
                in.op = c < 0xE6 ? Op.IN_I : Op.OUT_I;
                portSize(in, c);
                in.imm = d.u8();
            }
            case 0xEC, 0xED, 0xEE, 0xEF -> {
                in.op = c < 0xEE ? Op.IN_DX : Op.OUT_DX;
                portSize(in, c);
            }
            case 0xE8, 0xE9 -> {
                control(in, c == 0xE8 ? Op.CALL_REL : Op.JMP_REL);
                d.size64(in, true);
                d.relZ(in);
            }
            case 0xEB -> {
                control(in, Op.JMP_REL);
                d.size64(in, true);
                d.rel8(in);
            }
            case 0xEA -> {
                control(in, Op.JMP_FAR);
                in.imm = in.osz == 2 ? d.u16() : d.s32() & 0xFFFF_FFFFL;
                in.imm2 = d.u16();
                invalid64(d, in);
            }
            case 0xF1 -> control(in, Op.INT1);
            case 0xF4 -> control(in, Op.HLT);
            case 0xF5 -> in.op = Op.CMC;
            case 0xF6, 0xF7 -> group3(d, in, c);
            case 0xF8 -> in.op = Op.CLC;
            case 0xF9 -> in.op = Op.STC;
            case 0xFA -> in.op = Op.CLI;
            case 0xFB -> control(in, Op.STI);
            case 0xFC -> in.op = Op.CLD;
            case 0xFD -> in.op = Op.STD;
            case 0xFE -> {
                d.modrm(in);
                in.osz = 1;
                d.byteRm(in);
                int g = d.group();
                in.op = g == 0 ? Op.INC : g == 1 ? Op.DEC : Op.UD;
            }
            case 0xFF -> group5(d, in);
            default -> in.op = Op.UD;
        }
    }

    private static void group3(Decoder d, Insn in, int c) {
        d.modrm(in);
        if (c == 0xF6) {
            in.osz = 1;
            d.byteRm(in);
        }
        int g = d.group();
        in.op = switch (g) {
            case 0, 1 -> Op.TEST_RM_I;
            case 2 -> Op.NOT;
            case 3 -> Op.NEG;
            case 4 -> Op.MUL;
            case 5 -> Op.IMUL1;
            case 6 -> Op.DIV;
            default -> Op.IDIV;
        };
        if (g < 2) {
            in.imm = c == 0xF6 ? d.u8() : d.immZ();
        }
    }

    private static void group5(Decoder d, Insn in) {
        d.modrm(in);
        switch (d.group()) {
            case 0 -> in.op = Op.INC;
            case 1 -> in.op = Op.DEC;
            case 2 -> {
                control(in, Op.CALL_RM);
                d.size64(in, true);
            }
            case 3 -> control(in, in.mem ? Op.CALL_FAR_M : Op.UD);
            case 4 -> {
                control(in, Op.JMP_RM);
                d.size64(in, true);
            }
            case 5 -> control(in, in.mem ? Op.JMP_FAR_M : Op.UD);
            case 6 -> {
                in.op = Op.PUSH_RM;
                d.size64(in, false);
            }
            default -> in.op = Op.UD;
        }
    }
}
