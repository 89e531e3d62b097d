package org.jvmm.hv.emu.impl.cpu.decode;

/** 0F 00..0F 3F: system instructions, hint NOPs, control/debug register moves, MSRs. */
final class System0F {

    private System0F() {
    }

    static void decode(Decoder d, Insn in, int c) {
        switch (c) {
            case 0x00 -> group6(d, in);
            case 0x01 -> group7(d, in);
            case 0x02, 0x03 -> {
                in.op = c == 0x02 ? Op.LAR : Op.LSL;
                d.modrm(in);
            }
            case 0x05 -> control(in, Op.SYSCALL);
            case 0x06 -> in.op = Op.CLTS;
            case 0x0B -> Op.undefinedOnPurpose(in);
            case 0x07 -> control(in, Op.SYSRET);
            case 0x08, 0x09 -> in.op = Op.WBINVD;
            case 0x0D, 0x18, 0x19, 0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F -> {
                in.op = Op.NOP;
                d.modrm(in);
            }
            case 0x20, 0x21, 0x22, 0x23 -> {
                d.modrm(in);
                in.mem = false;
                in.osz = d.m64 ? 8 : 4;
                in.op = switch (c) {
                    case 0x20 -> Op.MOV_R_CR;
                    case 0x21 -> Op.MOV_R_DR;
                    case 0x22 -> Op.MOV_CR_R;
                    default -> Op.MOV_DR_R;
                };
                in.ends = c >= 0x22;
                if (c == 0x20 || c == 0x22) {
                    if ((in.prefix & Insn.LOCK) != 0 && in.reg == 0) {
                        in.reg = 8; // AMD alternative encoding of CR8
                    }
                }
            }
            case 0x30 -> control(in, Op.WRMSR);
            case 0x31 -> in.op = Op.RDTSC;
            case 0x32 -> in.op = Op.RDMSR;
            case 0x33 -> in.op = Op.RDPMC;
            case 0x34 -> control(in, Op.SYSENTER);
            case 0x35 -> control(in, Op.SYSEXIT);
            case 0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17,
                 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x2D, 0x2E, 0x2F -> SseMap.decode(d, in, c);
            default -> in.op = Op.UD;
        }
    }

    private static void control(Insn in, int op) {
        in.op = op;
        in.ends = true;
    }

    private static void group6(Decoder d, Insn in) {
        d.modrm(in);
        in.osz = in.mem ? 2 : in.osz;
        in.op = switch (d.group()) {
            case 0 -> Op.SLDT;
            case 1 -> Op.STR;
            case 2 -> Op.LLDT;
            case 3 -> Op.LTR;
            case 4 -> Op.VERR;
            case 5 -> Op.VERW;
            default -> Op.UD;
        };
    }

    private static void group7(Decoder d, Insn in) {
        d.modrm(in);
        int g = d.group();
        if (in.mem) {
            in.op = switch (g) {
                case 0 -> Op.SGDT;
                case 1 -> Op.SIDT;
                case 2 -> Op.LGDT;
                case 3 -> Op.LIDT;
                case 4 -> Op.SMSW;
                case 6 -> Op.LMSW;
                case 7 -> Op.INVLPG;
                default -> Op.UD;
            };
            in.ends = g == 6 || g == 7;
            if (g == 4 || g == 6) {
                in.osz = 2;
            }
            return;
        }
        int m = d.modrmByte;
        in.op = switch (m) {
            case 0xC8 -> Op.MONITOR;
            case 0xC9 -> Op.MWAIT;
            case 0xD0 -> Op.XGETBV;
            case 0xF8 -> d.m64 ? Op.SWAPGS : Op.UD;
            case 0xF9 -> Op.RDTSCP;
            default -> g == 4 ? Op.SMSW : g == 6 ? Op.LMSW : Op.UD;
        };
        in.ends = g == 6;
    }
}
