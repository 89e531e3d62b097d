package org.jvmm.hv.emu.impl.cpu.exec;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * LOCK-prefixed and implicitly locked memory updates on RAM, atomic across processors: a
 * compare-and-set loop on the aligned 8-byte word holding the operand. An operand that straddles
 * two words is updated without atomicity (hardware takes a bus lock; guests avoid it).
 */
final class Atomics {

    private static final VarHandle WORD = ValueLayout.JAVA_LONG.varHandle();

    private Atomics() {
    }

    /** True when the operand at RAM offset {@code h} fits in one aligned 8-byte word. */
    static boolean fits(long h, int osz) {
        return (h & 7) + osz <= 8;
    }

    /** Reads the operand with volatile semantics. */
    static long load(MemorySegment ram, long h, int osz) {
        long word = (long) WORD.getVolatile(ram, h & ~7L);
        return (word >>> ((h & 7) * 8)) & Operands.mask(osz);
    }

    /** Replaces the operand with {@code value} if it still equals {@code expected}. */
    static boolean cas(MemorySegment ram, long h, int osz, long expected, long value) {
        long addr = h & ~7L;
        int shift = (int) (h & 7) * 8;
        long m = Operands.mask(osz) << shift;
        while (true) {
            long old = (long) WORD.getVolatile(ram, addr);
            if (((old & m) >>> shift) != (expected & Operands.mask(osz))) {
                return false;
            }
            long nw = (old & ~m) | ((value << shift) & m);
            if (WORD.compareAndSet(ram, addr, old, nw)) {
                return true;
            }
        }
    }

    /** Atomic ALU read-modify-write (LOCK ADD/OR/ADC/SBB/AND/SUB/XOR/INC/DEC/NOT/NEG). */
    static void rmw(Cpu c, long h, int osz, int kind, long b) {
        CpuState s = c.s;
        MemorySegment ram = c.mmu.ram();
        if (!fits(h, osz)) {
            c.mmu.writeHost(h, osz, Alu.alu(s, kind, osz, c.mmu.readHost(h, osz), b));
            return;
        }
        while (true) {
            long a = load(ram, h, osz);
            long r = Alu.alu(s, kind, osz, a, b);
            if (cas(ram, h, osz, a, r)) {
                return;
            }
        }
    }

    /** Atomic exchange; returns the old value. */
    static long exchange(Cpu c, long h, int osz, long value) {
        MemorySegment ram = c.mmu.ram();
        if (!fits(h, osz)) {
            long old = c.mmu.readHost(h, osz);
            c.mmu.writeHost(h, osz, value);
            return old;
        }
        while (true) {
            long a = load(ram, h, osz);
            if (cas(ram, h, osz, a, value)) {
                return a;
            }
        }
    }
}
