package org.jvmm.hv.emu.impl.cpu.fpu;

import static org.jvmm.hv.emu.impl.cpu.fpu.X87.pop;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.push;
import static org.jvmm.hv.emu.impl.cpu.fpu.X87.st;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.decode.Insn;
import org.jvmm.hv.emu.impl.cpu.exec.Operands;
import org.jvmm.hv.emu.impl.cpu.mmu.Mmu;

/** x87 instructions with a memory operand (D8..DF with ModRM.mod != 3). */
final class X87Memory {

    private X87Memory() {
    }

    static void exec(Cpu c, Insn in) {
        CpuState s = c.s;
        Mmu mmu = c.mmu;
        long ea = Operands.ea(s, in);
        int g = in.reg & 7;
        switch (in.ext << 3 | g) {
            case 0 << 3 | 0, 0 << 3 | 1, 0 << 3 | 2, 0 << 3 | 3, 0 << 3 | 4, 0 << 3 | 5, 0 << 3 | 6, 0 << 3 | 7 ->
                    arithmetic(s, g, Float.intBitsToFloat((int) mmu.rd32(ea)));
            case 4 << 3 | 0, 4 << 3 | 1, 4 << 3 | 2, 4 << 3 | 3, 4 << 3 | 4, 4 << 3 | 5, 4 << 3 | 6, 4 << 3 | 7 ->
                    arithmetic(s, g, Double.longBitsToDouble(mmu.rd64(ea)));
            case 2 << 3 | 0, 2 << 3 | 1, 2 << 3 | 2, 2 << 3 | 3, 2 << 3 | 4, 2 << 3 | 5, 2 << 3 | 6, 2 << 3 | 7 ->
                    arithmetic(s, g, (int) mmu.rd32(ea));
            case 6 << 3 | 0, 6 << 3 | 1, 6 << 3 | 2, 6 << 3 | 3, 6 << 3 | 4, 6 << 3 | 5, 6 << 3 | 6, 6 << 3 | 7 ->
                    arithmetic(s, g, (short) mmu.rd16(ea));
            case 1 << 3 | 0 -> load(s, Float.intBitsToFloat((int) mmu.rd32(ea)));
            case 5 << 3 | 0 -> load(s, Double.longBitsToDouble(mmu.rd64(ea)));
            case 3 << 3 | 5 -> {
                long m = mmu.rd64(ea);
                int se = (int) mmu.rd16(ea + 8);
                load(s, Extended.toDouble(m, se));
            }
            case 3 << 3 | 0 -> load(s, (int) mmu.rd32(ea));
            case 7 << 3 | 0 -> load(s, (short) mmu.rd16(ea));
            case 7 << 3 | 5 -> load(s, mmu.rd64(ea));
            case 1 << 3 | 2, 1 << 3 | 3 -> {
                mmu.wr32(ea, Float.floatToRawIntBits((float) st(s, 0)));
                popIf(s, g == 3);
            }
            case 5 << 3 | 2, 5 << 3 | 3 -> {
                mmu.wr64(ea, Double.doubleToRawLongBits(st(s, 0)));
                popIf(s, g == 3);
            }
            case 3 << 3 | 7 -> {
                if (mmu.hostForWrite(ea, 10) != -1) {
                    double v = st(s, 0);
                    mmu.wr64(ea, Extended.mantissa(v));
                    mmu.wr16(ea + 8, Extended.signExponent(v));
                    pop(s);
                }
            }
            case 3 << 3 | 1, 3 << 3 | 2, 3 << 3 | 3 -> storeInt(c, ea, 4, g);
            case 7 << 3 | 1, 7 << 3 | 2, 7 << 3 | 3 -> storeInt(c, ea, 2, g);
            case 5 << 3 | 1 -> storeInt(c, ea, 8, 1);
            case 7 << 3 | 7 -> storeInt(c, ea, 8, 3);
            case 1 << 3 | 5 -> {
                long v = mmu.rd16(ea);
                if (!s.faulted()) {
                    s.fpuControl = (int) v;
                }
            }
            case 1 << 3 | 7 -> mmu.wr16(ea, s.fpuControl);
            case 5 << 3 | 7 -> mmu.wr16(ea, X87.statusWord(s));
            case 1 << 3 | 4, 1 << 3 | 6, 5 << 3 | 4, 5 << 3 | 6 -> X87Environment.exec(c, in, ea);
            default -> s.raise(6);
        }
    }

    private static void arithmetic(CpuState s, int op, double m) {
        if (s.faulted()) {
            return;
        }
        if (op == 2 || op == 3) {
            X87.compare(s, st(s, 0), m);
            if (op == 3) {
                pop(s);
            }
            return;
        }
        X87.setSt(s, 0, X87.arith(op, st(s, 0), m));
    }

    private static void load(CpuState s, double v) {
        if (!s.faulted()) {
            push(s, v);
        }
    }

    private static void popIf(CpuState s, boolean popAfter) {
        if (!s.faulted() && popAfter) {
            pop(s);
        }
    }

    /** FIST (g 2), FISTP (g 3), FISTTP (g 1) of {@code size} bytes. */
    private static void storeInt(Cpu c, long ea, int size, int g) {
        CpuState s = c.s;
        double v = X87.round(s, st(s, 0), g == 1);
        long max = size == 8 ? Long.MAX_VALUE : (1L << (size * 8 - 1)) - 1;
        long n;
        if (Double.isNaN(v) || v > max || v < -max - 1) {
            n = size == 8 ? Long.MIN_VALUE : -max - 1;
            s.fpuStatus |= 1;
        } else {
            n = (long) v;
        }
        c.mmu.write(ea, size, n);
        if (!s.faulted() && g != 2) {
            pop(s);
        }
    }
}
