package org.jvmm.hv.emu.impl.cpu.fpu;

import static org.jvmm.hv.emu.impl.cpu.fpu.X87.C0;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.C1;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.C2;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.C3;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.pop;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.push;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.setSt;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.st;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;

/** x87 instructions on registers (D8..DF with ModRM.mod == 3). */
final class X87Registers {

    private X87Registers() {
    }

    static void exec(Cpu c, Insn in) {
        CpuState s = c.s;
        int g = in.reg & 7;
        int i = in.rm & 7;
        int modrm = 0xC0 | g << 3 | i;
        switch (in.ext) {
            case 0 -> {
                if (g == 2 || g == 3) {
                    X87.compare(s, st(s, 0), st(s, i));
                    if (g == 3) {
                        pop(s);
                    }
                } else {
                    setSt(s, 0, X87.arith(g, st(s, 0), st(s, i)));
                }
            }
            case 1 -> d9(s, modrm, g, i);
            case 2 -> {
                if (modrm == 0xE9) {
                    X87.compare(s, st(s, 0), st(s, 1));
                    pop(s);
                    pop(s);
                } else if (g < 4) {
                    fcmov(s, i, cmovCondition(s, g), false);
                } else {
                    s.raise(6);
                }
            }
            case 3 -> db(c, modrm, g, i);
            case 4 -> {
                if (g == 2 || g == 3) {
                    X87.compare(s, st(s, 0), st(s, i));
                    if (g == 3) {
                        pop(s);
                    }
                } else {
                    setSt(s, i, X87.arith(reverse(g), st(s, i), st(s, 0)));
                }
            }
            case 5 -> dd(s, g, i);
            case 6 -> {
                if (modrm == 0xD9) {
                    X87.compare(s, st(s, 0), st(s, 1));
                    pop(s);
                    pop(s);
                } else if (g == 2 || g == 3) {
                    s.raise(6);
                } else {
                    setSt(s, i, X87.arith(reverse(g), st(s, i), st(s, 0)));
                    pop(s);
                }
            }
            default -> df(s, modrm, g, i);
        }
    }

    /** DC/DE register forms name SUB/SUBR and DIV/DIVR the other way round from D8. */
    private static int reverse(int g) {
        return switch (g) {
            case 4 -> 5;
            case 5 -> 4;
            case 6 -> 7;
            case 7 -> 6;
            default -> g;
        };
    }

    private static void d9(CpuState s, int modrm, int g, int i) {
        switch (g) {
            case 0 -> push(s, st(s, i));
            case 1 -> {
                double a = st(s, 0);
                setSt(s, 0, st(s, i));
                setSt(s, i, a);
            }
            case 2 -> {
                if (modrm != 0xD0) {
                    s.raise(6);
                }
            }
            default -> d9Misc(s, modrm);
        }
    }

    private static void d9Misc(CpuState s, int modrm) {
        double a = st(s, 0);
        switch (modrm) {
            case 0xE0 -> setSt(s, 0, -a);
            case 0xE1 -> setSt(s, 0, Math.abs(a));
            case 0xE4 -> X87.compare(s, a, 0.0);
            case 0xE5 -> fxam(s);
            case 0xE8 -> push(s, 1.0);
            case 0xE9 -> push(s, Math.log(10) / Math.log(2));
            case 0xEA -> push(s, 1 / Math.log(2));
            case 0xEB -> push(s, Math.PI);
            case 0xEC -> push(s, Math.log10(2));
            case 0xED -> push(s, Math.log(2));
            case 0xEE -> push(s, 0.0);
            case 0xF0 -> setSt(s, 0, Math.pow(2, a) - 1);
            case 0xF1 -> {
                setSt(s, 1, st(s, 1) * (Math.log(a) / Math.log(2)));
                pop(s);
            }
            case 0xF3 -> {
                setSt(s, 1, Math.atan2(st(s, 1), a));
                pop(s);
            }
            case 0xF6 -> s.fpuTop = (s.fpuTop - 1) & 7;
            case 0xF7 -> s.fpuTop = (s.fpuTop + 1) & 7;
            case 0xF8, 0xF5 -> {
                double b = st(s, 1);
                setSt(s, 0, modrm == 0xF8 ? a % b : Math.IEEEremainder(a, b));
                s.fpuStatus &= ~C2;
            }
            case 0xFA -> setSt(s, 0, Math.sqrt(a));
            case 0xFB -> {
                setSt(s, 0, Math.sin(a));
                push(s, Math.cos(a));
            }
            case 0xFC -> setSt(s, 0, X87.round(s, a, false));
            case 0xFD -> setSt(s, 0, a * Math.pow(2, X87.round(s, st(s, 1), true)));
            case 0xFE -> setSt(s, 0, Math.sin(a));
            case 0xFF -> setSt(s, 0, Math.cos(a));
            case 0xF2 -> {
                setSt(s, 0, Math.tan(a));
                push(s, 1.0);
            }
            default -> s.raise(6);
        }
    }

    private static void fxam(CpuState s) {
        double a = st(s, 0);
        int cc;
        if (X87.empty(s, 0)) {
            cc = C3 | C0;
        } else if (Double.isNaN(a)) {
            cc = C0;
        } else if (Double.isInfinite(a)) {
            cc = C2 | C0;
        } else if (a == 0) {
            cc = C3;
        } else if (Math.abs(a) < Double.MIN_NORMAL) {
            cc = C3 | C2;
        } else {
            cc = C2;
        }
        if ((Double.doubleToRawLongBits(a) < 0)) {
            cc |= C1;
        }
        s.fpuStatus = (s.fpuStatus & ~(C3 | C2 | C1 | C0)) | cc;
    }

    private static boolean cmovCondition(CpuState s, int g) {
        return switch (g & 3) {
            case 0 -> Flags.cf(s);
            case 1 -> Flags.zf(s);
            case 2 -> Flags.cf(s) || Flags.zf(s);
            default -> Flags.pf(s);
        };
    }

    private static void fcmov(CpuState s, int i, boolean cond, boolean negate) {
        if (cond != negate) {
            setSt(s, 0, st(s, i));
        }
    }

    private static void db(Cpu c, int modrm, int g, int i) {
        CpuState s = c.s;
        if (g < 4) {
            fcmov(s, i, cmovCondition(s, g), true);
            return;
        }
        switch (modrm) {
            case 0xE2 -> s.fpuStatus &= 0x7F00;
            case 0xE3 -> X87.init(s);
            case 0xE0, 0xE1, 0xE4 -> {
            }
            default -> {
                if (g == 5 || g == 6) {
                    compareFlags(s, i);
                } else {
                    s.raise(6);
                }
            }
        }
    }

    /** FCOMI/FUCOMI: ZF, PF, CF from ST(0) vs ST(i). */
    private static void compareFlags(CpuState s, int i) {
        double a = st(s, 0);
        double b = st(s, i);
        long f;
        if (Double.isNaN(a) || Double.isNaN(b)) {
            f = Flags.ZF | Flags.PF | Flags.CF;
        } else if (a < b) {
            f = Flags.CF;
        } else if (a == b) {
            f = Flags.ZF;
        } else {
            f = 0;
        }
        Flags.setArith(s, f);
    }

    private static void dd(CpuState s, int g, int i) {
        switch (g) {
            case 0 -> s.fpuTag |= 3 << (2 * ((s.fpuTop + i) & 7));
            case 2, 3 -> {
                setSt(s, i, st(s, 0));
                if (g == 3) {
                    pop(s);
                }
            }
            case 4, 5 -> {
                X87.compare(s, st(s, 0), st(s, i));
                if (g == 5) {
                    pop(s);
                }
            }
            default -> s.raise(6);
        }
    }

    private static void df(CpuState s, int modrm, int g, int i) {
        if (modrm == 0xE0) {
            Operands.setReg(s.r, 0, 2, X87.statusWord(s));
        } else if (g == 5 || g == 6) {
            compareFlags(s, i);
            pop(s);
        } else {
            s.raise(6);
        }
    }
}
