package org.jvmm.hv.emu.impl.cpu.decode;

/** The one-byte opcode map. */
final class OneByteMap {

    private OneByteMap() {
    }

    static void decode(Decoder d, Insn in, int c) {
        if (c < 0x40 && (c & 7) < 6) {
            alu(d, in, c);
            return;
        }
        if (c >= 0x40 && c < 0x50) {
            in.op = (c & 8) == 0 ? Op.INC : Op.DEC;
            in.rm = c & 7;
            invalid64(d, in);
            return;
        }
        if (c >= 0x50 && c < 0x60) {
            in.op = c < 0x58 ? Op.PUSH_R : Op.POP_R;
            in.reg = (c & 7) | (d.rex & 1) << 3;
            d.size64(in, false);
            return;
        }
        if (c >= 0x70 && c < 0x80) {
            in.op = Op.JCC;
            in.ext = c & 15;
            d.size64(in, true);
            d.rel8(in);
            in.ends = true;
            return;
        }
        if (c >= 0x91 && c < 0x98) {
            in.op = Op.XCHG_RM_R;
            in.rm = (c & 7) | (d.rex & 1) << 3;
            in.reg = 0;
            return;
        }
        if (c >= 0xB0 && c < 0xC0) {
            in.op = Op.MOV_R_I;
            in.reg = (c & 7) | (d.rex & 1) << 3;
            if (c < 0xB8) {
                in.osz = 1;
                d.byteReg(in);
                in.imm = d.u8();
            } else {
                in.imm = in.osz == 8 ? d.u64() : in.osz == 4 ? d.s32() & 0xFFFF_FFFFL : d.u16();
            }
            return;
        }
        if (c >= 0xD8 && c < 0xE0) {
            in.op = Op.X87;
            in.ext = c & 7;
            d.modrm(in);
            return;
        }
        if (c >= 0x80) {
            High.decode(d, in, c);
        } else {
            low(d, in, c);
        }
    }

    private static void alu(Decoder d, Insn in, int c) {
        in.ext = c >>> 3;
        switch (c & 7) {
            case 0, 1 -> {
                in.op = Op.ALU_RM_R;
                rmOperands(d, in, c);
            }
            case 2, 3 -> {
                in.op = Op.ALU_R_RM;
                rmOperands(d, in, c);
            }
            case 4 -> {
                in.op = Op.ALU_RM_I;
                in.osz = 1;
                in.imm = d.u8();
            }
            default -> {
                in.op = Op.ALU_RM_I;
                in.imm = d.immZ();
            }
        }
    }

    /** ModRM with both operands; odd opcodes are full size, even ones bytes. */
    static void rmOperands(Decoder d, Insn in, int c) {
        d.modrm(in);
        if ((c & 1) == 0) {
            in.osz = 1;
            d.byteReg(in);
            d.byteRm(in);
        }
    }

    static void invalid64(Decoder d, Insn in) {
        if (d.m64) {
            in.op = Op.UD;
        }
    }

    private static void low(Decoder d, Insn in, int c) {
        switch (c) {
            case 0x06, 0x0E, 0x16, 0x1E -> {
                in.op = Op.PUSH_SREG;
                in.reg = c >>> 3;
                invalid64(d, in);
            }
            case 0x07, 0x17, 0x1F -> {
                in.op = Op.POP_SREG;
                in.reg = c >>> 3;
                in.ends = c == 0x17;
                invalid64(d, in);
            }
            case 0x27, 0x2F, 0x37, 0x3F -> {
                in.op = c == 0x27 ? Op.DAA : c == 0x2F ? Op.DAS : c == 0x37 ? Op.AAA : Op.AAS;
                invalid64(d, in);
            }
            case 0x60, 0x61 -> {
                in.op = c == 0x60 ? Op.PUSHA : Op.POPA;
                invalid64(d, in);
            }
            case 0x63 -> {
                d.modrm(in);
                if (d.m64) {
                    in.op = Op.MOVSX;
                    in.ext = 4;
                } else {
                    in.op = Op.ARPL;
                    in.osz = 2;
                }
            }
            case 0x68, 0x6A -> {
                in.op = Op.PUSH_I;
                d.size64(in, false);
                in.imm = c == 0x6A ? d.s8() : d.immZ();
            }
            case 0x69, 0x6B -> {
                in.op = Op.IMUL_R_RM_I;
                d.modrm(in);
                in.imm = c == 0x6B ? d.s8() : d.immZ();
            }
            case 0x6C, 0x6D -> {
                in.op = Op.INS;
                portSize(in, c);
            }
            case 0x6E, 0x6F -> {
                in.op = Op.OUTS;
                portSize(in, c);
                d.dataSegment(in);
            }
            default -> in.op = Op.UD;
        }
    }

    /** String operations: even opcodes bytes, odd ones 16, 32 or 64 bits. */
    static void stringSize(Insn in, int c) {
        if ((c & 1) == 0) {
            in.osz = 1;
        }
    }

    /** Port operations: even opcodes bytes, odd ones 16 or 32 bits. */
    static void portSize(Insn in, int c) {
        stringSize(in, c);
        if (in.osz == 8) {
            in.osz = 4;
        }
    }
}
