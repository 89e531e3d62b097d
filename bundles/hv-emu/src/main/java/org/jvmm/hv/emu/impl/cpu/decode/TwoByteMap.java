package org.jvmm.hv.emu.impl.cpu.decode;

import org.jvmm.hv.emu.impl.cpu.CpuState;

/** The 0F xx opcode map (SSE opcodes are delegated to {@link SseMap}). */
final class TwoByteMap {

    /** Offer TZCNT/LZCNT semantics for F3 0F BC/BD (CPUID BMI1/ABM); off like qemu64. */
    static volatile boolean tzcntLzcnt = false;

    private TwoByteMap() {
    }

    static void decode(Decoder d, Insn in, int c) {
        if (c == 0xB9 || c == 0xFF) {
            d.modrm(in);
            Op.undefinedOnPurpose(in);
            return;
        }
        if (c >= 0x40 && c < 0x50) {
            in.op = Op.CMOV;
            in.ext = c & 15;
            d.modrm(in);
            return;
        }
        if (c >= 0x80 && c < 0x90) {
            in.op = Op.JCC;
            in.ext = c & 15;
            in.ends = true;
            d.size64(in, true);
            d.relZ(in);
            return;
        }
        if (c >= 0x90 && c < 0xA0) {
            in.op = Op.SETCC;
            in.ext = c & 15;
            d.modrm(in);
            in.osz = 1;
            d.byteRm(in);
            return;
        }
        if (c >= 0xC8) {
            if (c < 0xD0) {
                in.op = Op.BSWAP;
                in.reg = (c & 7) | (d.rex & 1) << 3;
            } else {
                SseMap.decode(d, in, c);
            }
            return;
        }
        if (c < 0x40) {
            System0F.decode(d, in, c);
        } else if (c < 0xA0) {
            SseMap.decode(d, in, c);
        } else {
            decodeAx(d, in, c);
        }
    }

    private static void decodeAx(Decoder d, Insn in, int c) {
        switch (c) {
            case 0xA0, 0xA8 -> {
                in.op = Op.PUSH_SREG;
                in.reg = c == 0xA0 ? CpuState.FS : CpuState.GS;
                d.size64(in, false);
            }
            case 0xA1, 0xA9 -> {
                in.op = Op.POP_SREG;
                in.reg = c == 0xA1 ? CpuState.FS : CpuState.GS;
                d.size64(in, false);
            }
            case 0xA2 -> in.op = Op.CPUID;
            case 0xA3, 0xAB, 0xB3, 0xBB -> {
                in.op = Op.BT_RM_R;
                in.ext = (c >>> 3) & 3;
                d.modrm(in);
            }
            case 0xA4, 0xA5, 0xAC, 0xAD -> {
                boolean left = c < 0xAC;
                boolean imm = (c & 1) == 0;
                in.op = left ? (imm ? Op.SHLD_I : Op.SHLD_CL) : (imm ? Op.SHRD_I : Op.SHRD_CL);
                d.modrm(in);
                if (imm) {
                    in.imm = d.u8();
                }
            }
            case 0xAE -> Group15.decode(d, in);
            case 0xAF -> {
                in.op = Op.IMUL_R_RM;
                d.modrm(in);
            }
            case 0xB0, 0xB1 -> {
                in.op = Op.CMPXCHG;
                OneByteMap.rmOperands(d, in, c);
            }
            case 0xB2, 0xB4, 0xB5 -> {
                in.op = Op.LSEG;
                in.ext = c == 0xB2 ? CpuState.SS : c == 0xB4 ? CpuState.FS : CpuState.GS;
                d.modrm(in);
                in.ends = c == 0xB2;
                if (!in.mem) {
                    in.op = Op.UD;
                }
            }
            case 0xB6, 0xB7, 0xBE, 0xBF -> {
                in.op = c < 0xB8 ? Op.MOVZX : Op.MOVSX;
                in.ext = (c & 1) == 0 ? 1 : 2;
                d.modrm(in);
                if (in.ext == 1) {
                    d.byteRm(in);
                }
            }
            case 0xB8 -> {
                in.op = d.rep == Insn.REP ? Op.POPCNT : Op.UD;
                d.modrm(in);
            }
            case 0xBA -> {
                in.op = Op.BT_RM_I;
                d.modrm(in);
                in.ext = d.group() - 4;
                in.imm = d.u8();
                if (in.ext < 0) {
                    in.op = Op.UD;
                }
            }
            case 0xBC, 0xBD -> {
                boolean f3 = d.rep == Insn.REP && tzcntLzcnt;
                in.op = c == 0xBC ? (f3 ? Op.TZCNT : Op.BSF) : (f3 ? Op.LZCNT : Op.BSR);
                d.modrm(in);
            }
            case 0xC0, 0xC1 -> {
                in.op = Op.XADD;
                OneByteMap.rmOperands(d, in, c);
            }
            case 0xC3 -> {
                in.op = Op.MOV_RM_R;
                d.modrm(in);
                if (!in.mem) {
                    in.op = Op.UD;
                }
            }
            case 0xC7 -> {
                d.modrm(in);
                int g = d.group();
                if (in.mem) {
                    in.op = g == 1 ? Op.CMPXCHG8B : Op.UD;
                } else {
                    in.op = g == 6 || g == 7 ? Op.RDRAND : Op.UD;
                    in.ext = g - 6;
                }
            }
            case 0xC2, 0xC4, 0xC5, 0xC6 -> SseMap.decode(d, in, c);
            default -> in.op = Op.UD;
        }
    }
}
