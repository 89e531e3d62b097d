package org.jvmm.hv.emu.diff;

import java.io.ByteArrayOutputStream;
import java.util.SplittableRandom;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * Builds one {@link Case}: random input registers, flags and XMM values, operand registers picked at
 * random (never RSP, never a register another operand constrains), memory operands that land inside
 * the scratch area through a random addressing form (base, base+disp8/32, base+index*scale+disp,
 * RIP-relative, absolute, index-only, RSP-based, FS/GS-relative, sometimes with 32-bit addressing),
 * and the snippet bytes.
 */
final class Gen {

    static final int RSP = 4, FS = 0x64, GS = 0x65;
    private static final long[] EDGES = {0x7F, 0x80, 0xFF, 0x100, 0x7FFF, 0x8000, 0xFFFF, 0x1_0000, 0x7FFF_FFFFL,
        0x8000_0000L, 0xFFFF_FFFFL, 0x1_0000_0000L, Long.MAX_VALUE, Long.MIN_VALUE};

    final SplittableRandom rnd;
    final Layout layout;
    final State in = new State();
    final byte[] image;
    private final ByteArrayOutputStream code = new ByteArrayOutputStream();
    private byte[] emuCode;
    private int flagMask = Fl.ARITH;
    private int pinned = 1 << RSP;
    private boolean high;
    private boolean rex;
    /** The [start, end) ranges of this case's memory operands: later operands do not overlap them. */
    private final long[] taken = new long[32];
    private int takenCount;

    Gen(SplittableRandom rnd, Layout layout, byte[] image) {
        this.rnd = rnd;
        this.layout = layout;
        this.image = image;
        for (int i = 0; i < 16; i++) {
            in.gpr[i] = value();
        }
        in.gpr[RSP] = layout.stack();
        in.flags = rnd.nextLong() & Fl.ARITH | 2;
        for (int i = 0; i < 32; i++) {
            in.xmm[i] = value();
        }
    }

    /** A random value biased to edge cases (0, ±1, powers of two, sign boundaries). */
    long value() {
        return switch (rnd.nextInt(12)) {
            case 0 -> 0;
            case 1 -> 1;
            case 2 -> -1;
            case 3 -> rnd.nextLong(-300, 300);
            case 4 -> 1L << rnd.nextInt(64);
            case 5 -> (1L << rnd.nextInt(64)) - 1;
            case 6 -> EDGES[rnd.nextInt(EDGES.length)] + rnd.nextInt(-1, 2);
            case 7 -> rnd.nextLong(256);
            case 8 -> rnd.nextInt() & 0xFFFF_FFFFL;
            case 9 -> rnd.nextInt();
            default -> rnd.nextLong();
        };
    }

    /** A random immediate of {@code bytes} bytes, sign-extended. */
    long imm(int bytes) {
        long v = value();
        return bytes == 8 ? v : v << (64 - 8 * bytes) >> (64 - 8 * bytes);
    }

    // ---- registers ----

    /** A random operand register of {@code size} bytes (AH..BH included for bytes when no REX is in use). */
    Reg gpr(int size) {
        while (true) {
            int n = rnd.nextInt(16);
            if (size == 1 && n < 4 && !rex && rnd.nextInt(4) == 0 && (pinned & 1 << n) == 0) {
                high = true;
                return new Reg(n + 4, 1, true);
            }
            if (n == RSP || (pinned & 1 << n) != 0 || high && (n >= 8 || size == 1 && n >= 4)) {
                continue;
            }
            Reg r = Reg.of(n, size);
            rex |= r.needsRex();
            return r;
        }
    }

    /** A given register (for implicit or short-form operands). */
    Reg gpr(int size, int n) {
        Reg r = Reg.of(n, size);
        rex |= r.needsRex();
        return r;
    }

    Reg xmm() {
        int n = rnd.nextInt(high ? 8 : 16);
        rex |= n >= 8;
        return new Reg(n, 16, false);
    }

    /** Makes the byte-register picks that follow avoid AH..BH (the instruction has REX.W anyway). */
    void rexW() {
        rex = true;
    }

    /** Gives a register a fixed input value; later random picks avoid it. */
    void set(int reg, long v) {
        in.gpr[reg] = v;
        pin(reg);
    }

    void pin(int reg) {
        pinned |= 1 << reg;
    }

    private int free() {
        while (true) {
            int n = rnd.nextInt(high ? 8 : 16);
            if (n != RSP && (pinned & 1 << n) == 0) {
                rex |= n >= 8;
                pin(n);
                return n;
            }
        }
    }

    // ---- memory ----

    /** A memory operand of {@code size} bytes at a random place of the scratch area. */
    Mem mem(int size) {
        return mem(size, 1);
    }

    Mem mem(int size, int align) {
        return memAt(target(size, align), 0);
    }

    /** A memory operand through an FS or GS override (the host thread's bases, mirrored in the emulator). */
    Mem memSeg(int size) {
        return memAt(target(size, 1), rnd.nextBoolean() ? FS : GS);
    }

    /**
     * A random address in the scratch area with room for {@code size} bytes, not overlapping the other
     * operands of this case (whose values, such as an x87 control word, must not be overwritten); the
     * bytes are randomised.
     */
    long target(int size, int align) {
        while (true) {
            long t = layout.scratch() + 0x200 + rnd.nextInt(Layout.SCRATCH_SIZE - 0x400 - size);
            t &= -align;
            boolean free = true;
            for (int i = 0; i < takenCount; i += 2) {
                free &= t + size <= taken[i] || t >= taken[i + 1];
            }
            if (free) {
                taken[takenCount++] = t;
                taken[takenCount++] = t + size;
                fill(t, size);
                return t;
            }
        }
    }

    /**
     * A memory operand designating {@code target}: registers get the values that make the effective
     * address come out right (wrapping modulo 2^64, or 2^32 with 32-bit addressing).
     */
    Mem memAt(long target, int seg) {
        long segBase = seg == FS ? layout.fsBase() : seg == GS ? layout.gsBase() : 0;
        long ea = target - segBase;
        boolean addr32 = seg == 0 && target >>> 32 == 0 && rnd.nextInt(8) == 0;
        int mode = rnd.nextInt(seg != 0 ? 4 : 8);
        if ((mode == 5 || mode == 6) && target > 0x7FF0_0000L) {
            mode = 2;
        }
        switch (mode) {
            case 0 -> {
                int b = free();
                in.gpr[b] = ea;
                return new Mem(b, Opnd.NONE, 1, 0, 0, seg, addr32, target);
            }
            case 1, 2 -> {
                long d = mode == 1 ? rnd.nextInt(-128, 128) : rnd.nextInt();
                int b = free();
                in.gpr[b] = ea - d;
                return new Mem(b, Opnd.NONE, 1, d, mode == 1 ? 1 : 4, seg, addr32, target);
            }
            case 3 -> {
                int b = free();
                int i = free();
                int scale = 1 << rnd.nextInt(4);
                int ds = new int[] {0, 1, 4}[rnd.nextInt(3)];
                long d = ds == 0 ? 0 : ds == 1 ? rnd.nextInt(-128, 128) : rnd.nextInt();
                long iv = value();
                in.gpr[i] = iv;
                in.gpr[b] = ea - d - iv * scale;
                return new Mem(b, i, scale, d, ds, seg, addr32, target);
            }
            case 4 -> {
                return new Mem(Opnd.RIP, Opnd.NONE, 1, 0, 4, 0, addr32, target);
            }
            case 5 -> {
                return new Mem(Opnd.NONE, Opnd.NONE, 1, target, 4, 0, addr32, target);
            }
            case 6 -> {
                int i = free();
                int scale = 1 << rnd.nextInt(4);
                long iv = rnd.nextInt(-4096, 4096);
                in.gpr[i] = iv;
                return new Mem(Opnd.NONE, i, scale, target - iv * scale, 4, 0, addr32, target);
            }
            default -> {
                long d = target - in.gpr[RSP];
                int ds = d == 0 && rnd.nextBoolean() ? 0 : d == (byte) d ? 1 : 4;
                return new Mem(RSP, Opnd.NONE, 1, d, ds, 0, addr32, target);
            }
        }
    }

    void fill(long addr, int n) {
        for (int i = 0; i < n; i++) {
            image[offset(addr) + i] = (byte) rnd.nextInt();
        }
    }

    void put(long addr, int size, long v) {
        for (int i = 0; i < size; i++) {
            image[offset(addr) + i] = (byte) (v >>> (8 * i));
        }
    }

    long get(long addr, int size) {
        long v = 0;
        for (int i = 0; i < size; i++) {
            v |= (image[offset(addr) + i] & 0xFFL) << (8 * i);
        }
        return v;
    }

    private int offset(long addr) {
        long o = addr - layout.scratch();
        if (o < 0 || o >= Layout.SCRATCH_SIZE) {
            throw new IllegalStateException("address " + Long.toHexString(addr) + " outside the scratch area");
        }
        return (int) o;
    }

    // ---- code ----

    /** A new instruction at the current end of the snippet; add it with {@link #emit}. */
    Code insn() {
        return new Code(here());
    }

    long here() {
        return layout.snippet() + code.size();
    }

    Gen emit(Code c) {
        code.writeBytes(c.bytes());
        return this;
    }

    Gen emit(int... bytes) {
        for (int b : bytes) {
            code.write(b);
        }
        return this;
    }

    /** The emulator runs these bytes instead (same semantics under the emulated CPU model). */
    void emuCode(byte[] bytes) {
        emuCode = bytes;
    }

    /** The RFLAGS bits the snippet defines (the others may differ); DF is always compared. */
    void mask(int flags) {
        flagMask = flags;
    }

    int mask() {
        return flagMask;
    }

    Case build(String form) {
        byte[] c = code.toByteArray();
        if (c.length > layout.snippetLimit() - layout.snippet()) {
            throw new IllegalStateException(form + ": snippet too long");
        }
        return new Case(form, c, emuCode != null ? emuCode : c, in, image, flagMask | Fl.DF);
    }
}
