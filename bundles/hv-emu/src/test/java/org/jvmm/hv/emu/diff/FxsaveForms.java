package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;

/**
 * FXRSTOR then FXSAVE (64-bit and legacy format) of a constructed image: control word with all
 * exceptions masked, status word without exception flags, abridged tag word, last opcode and
 * instruction/data pointers (zero, or random in the {@code [fop/fip/fdp]} variants), valid MXCSR,
 * ST0..7 holding values that doubles represent exactly, XMM0..15. Compared: the saved image, the XMM
 * registers and MXCSR. Ends with FNINIT for the host's sake.
 */
final class FxsaveForms {

    private FxsaveForms() {
    }

    static void add(List<Form> f) {
        for (boolean wide : new boolean[] {true, false}) {
            for (boolean pointers : new boolean[] {false, true}) {
                add(f, wide, pointers);
            }
        }
    }

    /** {@code pointers}: random last-instruction opcode and pointers (FOP, FIP, FDP) instead of zeros. */
    private static void add(List<Form> f, boolean wide, boolean pointers) {
        String w = wide ? "64" : "";
        f.add(new Form("fxrstor" + w + " m,fxsave" + w + " m" + (pointers ? " [fop/fip/fdp]" : ""), g -> {
            Mem in = g.mem(512, 16);
            image(g, in.target(), pointers);
            Mem out = g.mem(512, 16);
            Code restore = g.insn().op(0x0F, 0xAE).modrm(1, in);
            g.emit(wide ? restore.w() : restore);
            Code save = g.insn().op(0x0F, 0xAE).modrm(0, out);
            g.emit(wide ? save.w() : save);
            g.emit(0xDB, 0xE3);
        }));
    }

    private static void image(Gen g, long at, boolean pointers) {
        g.put(at, 2, 0x7F | g.rnd.nextInt(32) << 8);
        g.put(at + 2, 2, g.rnd.nextInt(8) << 11 | g.rnd.nextInt(16) << 8 & 0x4700);
        g.put(at + 4, 1, g.rnd.nextInt(256));
        g.put(at + 5, 1, 0);
        g.put(at + 6, 2, pointers ? g.rnd.nextInt(0x800) : 0);
        g.put(at + 8, 8, pointers ? g.rnd.nextLong() : 0);
        g.put(at + 16, 8, pointers ? g.rnd.nextLong() : 0);
        g.put(at + 24, 4, FloatValues.mxcsr(g.rnd, g.rnd.nextBoolean()));
        for (int i = 0; i < 8; i++) {
            long slot = at + 32 + 16L * i;
            extended(g, slot, Double.longBitsToDouble(FloatValues.doubleBits(g.rnd, false)));
            g.put(slot + 10, 6, 0);
        }
        for (int i = 0; i < 32; i++) {
            g.put(at + 160 + 8L * i, 8, g.value());
        }
    }

    /** Writes {@code v} as an 80-bit extended value (exact: doubles fit). */
    private static void extended(Gen g, long at, double v) {
        long bits = Double.doubleToRawLongBits(v);
        int sign = (int) (bits >>> 63);
        int exp = (int) (bits >>> 52) & 0x7FF;
        long frac = bits & 0xF_FFFF_FFFF_FFFFL;
        long mant;
        int e;
        if (exp == 0x7FF) {
            e = 0x7FFF;
            mant = 1L << 63 | frac << 11;
        } else if (exp == 0 && frac == 0) {
            e = 0;
            mant = 0;
        } else if (exp == 0) {
            int shift = Long.numberOfLeadingZeros(frac) - 11;
            e = 1 - shift - 1023 + 16383;
            mant = frac << (11 + shift);
        } else {
            e = exp - 1023 + 16383;
            mant = 1L << 63 | frac << 11;
        }
        g.put(at, 8, mant);
        g.put(at + 8, 2, sign << 15 | e);
    }
}
