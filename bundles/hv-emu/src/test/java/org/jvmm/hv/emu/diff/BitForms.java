package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * BT BTS BTR BTC with a register or immediate bit offset (register offsets into memory reach up to
 * 3.5 KiB either side of the operand), BSF BSR, TZCNT and LZCNT, POPCNT and BSWAP. The emulated CPU
 * model (qemu64) offers neither BMI1 nor ABM: there F3 0F BC/BD execute as BSF/BSR, so the TZCNT and
 * LZCNT forms run the F3-prefixed bytes in the emulator against plain BSF/BSR on the host.
 */
final class BitForms {

    private static final String[] BT = {"bt", "bts", "btr", "btc"};

    private BitForms() {
    }

    static void add(List<Form> f) {
        for (int sz = 2; sz <= 8; sz *= 2) {
            for (int k = 0; k < 4; k++) {
                bt(f, k, sz);
            }
            scan(f, sz);
            int size = sz;
            f.add(new Form("popcnt" + Form.suffix(sz) + " " + Form.reg(sz) + "," + Form.reg(sz), g -> {
                Reg d = g.gpr(size);
                g.emit(g.insn().prefix(0xF3).size(size).op(0x0F, 0xB8).modrm(d, g.gpr(size)));
            }));
            f.add(new Form("popcnt" + Form.suffix(sz) + " m," + Form.reg(sz), g -> {
                Reg d = g.gpr(size);
                g.emit(g.insn().prefix(0xF3).size(size).op(0x0F, 0xB8).modrm(d, g.mem(size)));
            }));
        }
        f.add(new Form("bswapl r32", g -> g.emit(g.insn().opReg(g.gpr(4), 0x0F, 0xC8))));
        f.add(new Form("bswapq r64", g -> g.emit(g.insn().w().opReg(g.gpr(8), 0x0F, 0xC8))));
    }

    private static void bt(List<Form> f, int k, int sz) {
        String m = BT[k] + Form.suffix(sz);
        String r = Form.reg(sz);
        int op = 0xA3 + 8 * k;
        int mask = Fl.CF | Fl.ZF;
        f.add(new Form(m + " " + r + "," + r, g -> {
            Reg off = g.gpr(sz);
            g.emit(g.insn().size(sz).op(0x0F, op).modrm(off, g.gpr(sz)));
            g.mask(mask);
        }));
        f.add(new Form(m + " imm," + r, g -> {
            g.emit(g.insn().size(sz).op(0x0F, 0xBA).modrm(4 + k, g.gpr(sz)).imm(g.rnd.nextInt(256), 1));
            g.mask(mask);
        }));
        for (String prefix : k == 0 ? new String[] {""} : new String[] {"", "lock "}) {
            int lock = prefix.isEmpty() ? 0 : 0xF0;
            f.add(new Form(prefix + m + " " + r + ",m", g -> {
                Code c = g.insn().size(sz).op(0x0F, op);
                btMemory(g, c, sz, 0);
                g.emit(lock != 0 ? c.prefix(lock) : c);
                g.mask(mask);
            }));
            f.add(new Form(prefix + m + " imm,m", g -> {
                Code c = g.insn().size(sz).op(0x0F, 0xBA).modrm(4 + k, g.mem(sz)).imm(g.rnd.nextInt(256), 1);
                g.emit(lock != 0 ? c.prefix(lock) : c);
                g.mask(mask);
            }));
        }
        if (k != 0 && sz == 8) {
            f.add(new Form(m + " " + r + ",sreg", g -> {
                Code c = g.insn().size(sz).op(0x0F, op);
                btMemory(g, c, sz, g.rnd.nextBoolean() ? Gen.FS : Gen.GS);
                g.emit(c);
                g.mask(mask);
            }));
            f.add(new Form(m + " imm,sreg", g -> {
                g.emit(g.insn().size(sz).op(0x0F, 0xBA).modrm(4 + k, g.memSeg(sz)).imm(g.rnd.nextInt(256), 1));
                g.mask(mask);
            }));
        }
    }

    /** A register bit offset into memory: signed, up to 0xE00 bytes either side of the middle of scratch. */
    private static void btMemory(Gen g, Code c, int sz, int seg) {
        Reg off = g.gpr(sz);
        long bit = g.rnd.nextLong(-0xE00 * 8, 0xE00 * 8);
        long high = sz == 8 ? 0 : g.rnd.nextLong() << (8 * sz);
        g.set(off.n(), high | bit & (sz == 8 ? -1L : (1L << (8 * sz)) - 1));
        c.modrm(off, g.memAt(g.layout.scratch() + Layout.SCRATCH_SIZE / 2, seg));
    }

    /** BSF BSR (defined: ZF; the destination is kept for a zero source) and TZCNT/LZCNT as BSF/BSR. */
    private static void scan(List<Form> f, int sz) {
        String[] names = {"bsf", "bsr", "tzcnt", "lzcnt"};
        for (int k = 0; k < 4; k++) {
            String m = names[k] + Form.suffix(sz);
            int op = 0xBC + (k & 1);
            boolean rep = k >= 2;
            for (String src : new String[] {Form.reg(sz), "m"}) {
                boolean mem = src.equals("m");
                f.add(new Form(m + " " + src + "," + Form.reg(sz), g -> {
                    Reg d = g.gpr(sz);
                    Opnd s = mem ? g.mem(sz) : g.gpr(sz);
                    if (g.rnd.nextInt(4) == 0) {
                        if (s instanceof Reg sr) {
                            g.set(sr.n(), g.in.gpr[sr.n()] & (sz == 8 ? 0 : -1L << (8 * sz)));
                        } else {
                            g.put(((Mem) s).target(), sz, 0);
                        }
                    }
                    g.emit(g.insn().size(sz).op(0x0F, op).modrm(d, s));
                    if (rep) {
                        g.emuCode(new Code(g.layout.snippet()).prefix(0xF3).size(sz).op(0x0F, op).modrm(d, s).bytes());
                    }
                    g.mask(Fl.ZF);
                }));
            }
        }
    }
}
