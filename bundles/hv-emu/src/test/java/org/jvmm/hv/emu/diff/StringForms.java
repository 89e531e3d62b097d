package org.jvmm.hv.emu.diff;

import java.util.List;

/**
 * MOVS STOS LODS CMPS SCAS in all sizes, plain and with REP/REPE/REPNE, DF clear and set, counts up to
 * 40 elements. Source and destination runs are disjoint and inside the scratch area; CMPS and SCAS
 * data are arranged so the repeat stops early at a random element (or never).
 */
final class StringForms {

    private static final int MOVS = 0xA4, CMPS = 0xA6, STOS = 0xAA, LODS = 0xAC, SCAS = 0xAE;

    private StringForms() {
    }

    static void add(List<Form> f) {
        for (int sz : Form.SIZES) {
            String s = Form.suffix(sz);
            String r = Form.reg(sz);
            Object[][] ops = {{"movs", MOVS, "m,m"}, {"stos", STOS, r + ",m"}, {"lods", LODS, "m," + r},
                {"cmps", CMPS, "m,m"}, {"scas", SCAS, "m," + r}};
            for (Object[] o : ops) {
                int op = (int) o[1];
                String name = o[0] + s + " " + o[2];
                boolean compare = op == CMPS || op == SCAS;
                f.add(new Form(name, g -> string(g, op, sz, 0)));
                f.add(new Form((compare ? "repe " : "rep ") + name, g -> string(g, op, sz, 0xF3)));
                if (compare) {
                    f.add(new Form("repne " + name, g -> string(g, op, sz, 0xF2)));
                }
            }
        }
    }

    private static void string(Gen g, int op, int sz, int rep) {
        boolean down = g.rnd.nextInt(3) == 0;
        int count = rep == 0 ? 1 : g.rnd.nextInt(5) == 0 ? g.rnd.nextInt(3) : g.rnd.nextInt(41);
        long scratch = g.layout.scratch();
        long span = 41L * sz;
        long src = scratch + 0x300 + span + g.rnd.nextInt(0x600);
        long dst = scratch + 0x1000 + span + g.rnd.nextInt(0x600);
        if (down) {
            g.in.flags |= Fl.DF;
        }
        g.set(6, src);
        g.set(7, dst);
        if (rep != 0) {
            g.set(1, count);
        }
        g.pin(0);
        int step = down ? -sz : sz;
        int stop = g.rnd.nextInt(count + 2);
        long acc = g.in.gpr[0];
        for (int i = 0; i < count; i++) {
            long s = src + (long) i * step;
            long d = dst + (long) i * step;
            g.fill(s, sz);
            g.fill(d, sz);
            if (op == CMPS) {
                boolean equal = rep == 0xF3 ? i != stop : i == stop;
                g.put(d, sz, equal ? g.get(s, sz) : g.get(s, sz) ^ 1L << g.rnd.nextInt(8 * sz));
            } else if (op == SCAS) {
                boolean equal = rep == 0xF3 ? i != stop : i == stop;
                long v = sz == 8 ? acc : acc & (1L << (8 * sz)) - 1;
                g.put(d, sz, equal ? v : v ^ 1L << g.rnd.nextInt(8 * sz));
            }
        }
        Code c = g.insn().size(sz).op(op + (sz == 1 ? 0 : 1));
        if (rep != 0) {
            c.prefix(rep);
        }
        g.emit(c);
    }
}
