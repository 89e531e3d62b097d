package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/** XCHG (incl. the 90+r short forms), XADD, CMPXCHG, CMPXCHG8B/16B, with LOCK and FS/GS forms. */
final class ExchangeForms {

    private ExchangeForms() {
    }

    static void add(List<Form> f) {
        for (int sz : Form.SIZES) {
            String s = Form.suffix(sz);
            String r = Form.reg(sz);
            int w = sz == 1 ? 0 : 1;
            f.add(new Form("xchg" + s + " " + r + "," + r, g -> {
                Reg a = g.gpr(sz);
                if (sz > 1 && g.rnd.nextInt(3) == 0) {
                    g.emit(g.insn().size(sz).opReg(a, 0x90));
                } else {
                    g.emit(g.insn().size(sz).op(0x86 + w).modrm(a, g.gpr(sz)));
                }
            }));
            f.add(new Form("xchg" + s + " " + r + ",m", g -> {
                Reg a = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x86 + w).modrm(a, g.mem(sz)));
            }));
            for (String prefix : new String[] {"", "lock "}) {
                int lock = prefix.isEmpty() ? 0 : 0xF0;
                f.add(new Form(prefix + "xadd" + s + " " + r + ",m", g -> {
                    Reg a = g.gpr(sz);
                    Code c = g.insn().size(sz).op(0x0F, 0xC0 + w).modrm(a, g.mem(sz));
                    g.emit(lock != 0 ? c.prefix(lock) : c);
                }));
                f.add(new Form(prefix + "cmpxchg" + s + " " + r + ",m", g -> cmpxchg(g, sz, lock, false)));
            }
            f.add(new Form("xadd" + s + " " + r + "," + r, g -> {
                Reg a = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x0F, 0xC0 + w).modrm(a, g.gpr(sz)));
            }));
            f.add(new Form("xadd" + s + " " + r + ",sreg", g -> {
                Reg a = g.gpr(sz);
                g.emit(g.insn().size(sz).op(0x0F, 0xC0 + w).modrm(a, g.memSeg(sz)));
            }));
            f.add(new Form("cmpxchg" + s + " " + r + "," + r, g -> {
                g.pin(0);
                Reg src = g.gpr(sz);
                Reg dst = g.gpr(sz);
                if (g.rnd.nextBoolean() && !dst.high()) {
                    g.in.gpr[0] = g.in.gpr[dst.n()];
                }
                g.emit(g.insn().size(sz).op(0x0F, 0xB0 + w).modrm(src, dst));
            }));
            f.add(new Form("cmpxchg" + s + " " + r + ",sreg", g -> cmpxchg(g, sz, 0, true)));
        }
        for (boolean wide : new boolean[] {false, true}) {
            String name = wide ? "cmpxchg16b" : "cmpxchg8b";
            for (String prefix : new String[] {"", "lock "}) {
                int lock = prefix.isEmpty() ? 0 : 0xF0;
                f.add(new Form(prefix + name + " m", g -> cmpxchgWide(g, wide, lock, false)));
            }
            f.add(new Form(name + " sreg", g -> cmpxchgWide(g, wide, 0, true)));
        }
    }

    /** CMPXCHG with memory: half the cases have the accumulator equal to the memory operand. */
    private static void cmpxchg(Gen g, int sz, int lock, boolean seg) {
        g.pin(0);
        Reg src = g.gpr(sz);
        Mem m = seg ? g.memSeg(sz) : g.mem(sz);
        if (g.rnd.nextBoolean()) {
            long keep = sz == 8 ? 0 : -1L << (8 * sz);
            g.in.gpr[0] = g.in.gpr[0] & keep | g.get(m.target(), sz);
        }
        Code c = g.insn().size(sz).op(0x0F, 0xB0 + (sz == 1 ? 0 : 1)).modrm(src, m);
        g.emit(lock != 0 ? c.prefix(lock) : c);
    }

    private static void cmpxchgWide(Gen g, boolean wide, int lock, boolean seg) {
        for (int r = 0; r < 4; r++) {
            g.pin(r);
        }
        int half = wide ? 8 : 4;
        Mem m = seg ? g.memAt(g.target(2 * half, 2 * half), g.rnd.nextBoolean() ? Gen.FS : Gen.GS)
                : g.mem(2 * half, wide ? 16 : 1);
        if (g.rnd.nextBoolean()) {
            long keep = wide ? 0 : -1L << 32;
            g.in.gpr[0] = g.in.gpr[0] & keep | g.get(m.target(), half);
            g.in.gpr[2] = g.in.gpr[2] & keep | g.get(m.target() + half, half);
        }
        Code c = g.insn().op(0x0F, 0xC7).modrm(1, m);
        if (wide) {
            c.w();
        }
        g.emit(lock != 0 ? c.prefix(lock) : c);
    }
}
