package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * SSE/SSE2/SSE3 floating point: packed and scalar arithmetic, compares (CMPxx, COMIS, UCOMIS),
 * conversions between integers, singles and doubles, horizontal and add-subtract operations, with
 * special and ordinary values; MXCSR is compared. The plain forms use the default MXCSR and no NaN
 * inputs where NaNs would propagate; variants {@code [nan]} add NaN inputs (x86 propagates the first
 * source's NaN, quieted), {@code [rc]} randomise the rounding mode and {@code [ftz/daz]} the
 * flush-to-zero and denormals-are-zero bits (both also the sticky exception flags). Compares and
 * float-to-integer conversions, where NaNs do not propagate, always get NaNs.
 */
final class SseFloatForms {

    private enum Variant {
        PLAIN(""), NAN(" [nan]"), RC(" [rc]"), DAZ(" [ftz/daz]");

        final String tag;

        Variant(String tag) {
            this.tag = tag;
        }
    }

    /** {suffix, prefix, single lanes, memory size, aligned}. */
    private static final Object[][] KINDS = {
        {"ps", 0, true, 16, true}, {"pd", 0x66, false, 16, true}, {"ss", 0xF3, true, 4, false},
        {"sd", 0xF2, false, 8, false},
    };
    private static final Object[][] ARITH = {
        {"add", 0x58}, {"mul", 0x59}, {"sub", 0x5C}, {"min", 0x5D}, {"div", 0x5E}, {"max", 0x5F}, {"sqrt", 0x51},
    };
    /** {name, prefix, opcode, source lanes single, source is integer lanes, memory size, aligned}. */
    private static final Object[][] CONVERT = {
        {"cvtss2sd", 0xF3, 0x5A, true, false, 4, false}, {"cvtsd2ss", 0xF2, 0x5A, false, false, 8, false},
        {"cvtps2pd", 0, 0x5A, true, false, 8, false}, {"cvtpd2ps", 0x66, 0x5A, false, false, 16, true},
        {"cvtdq2ps", 0, 0x5B, false, true, 16, true}, {"cvtps2dq", 0x66, 0x5B, true, false, 16, true},
        {"cvttps2dq", 0xF3, 0x5B, true, false, 16, true}, {"cvtdq2pd", 0xF3, 0xE6, false, true, 8, false},
        {"cvtpd2dq", 0xF2, 0xE6, false, false, 16, true}, {"cvttpd2dq", 0x66, 0xE6, false, false, 16, true},
        {"haddpd", 0x66, 0x7C, false, false, 16, true}, {"haddps", 0xF2, 0x7C, true, false, 16, true},
        {"hsubpd", 0x66, 0x7D, false, false, 16, true}, {"hsubps", 0xF2, 0x7D, true, false, 16, true},
        {"addsubpd", 0x66, 0xD0, false, false, 16, true}, {"addsubps", 0xF2, 0xD0, true, false, 16, true},
    };

    private SseFloatForms() {
    }

    static void add(List<Form> f) {
        for (Object[] a : ARITH) {
            int op = (int) a[1];
            boolean minMax = op == 0x5D || op == 0x5F;
            for (Object[] k : KINDS) {
                for (Variant v : Variant.values()) {
                    if (!(minMax && v == Variant.RC)) {
                        binary(f, a[0] + (String) k[0], (int) k[1], op, (boolean) k[2], false, (int) k[3],
                                (boolean) k[4], 0, v);
                    }
                }
            }
        }
        for (Object[] k : KINDS) {
            binary(f, "cmp" + k[0], (int) k[1], 0xC2, (boolean) k[2], false, (int) k[3], (boolean) k[4], 8, Variant.NAN);
        }
        for (Object[] c : CONVERT) {
            String name = (String) c[0];
            boolean ints = (boolean) c[4];
            boolean toInt = name.endsWith("dq") && !ints;
            for (Variant v : Variant.values()) {
                if (v == Variant.NAN && (ints || toInt) || v == Variant.RC && name.startsWith("cvtt")
                        || v == Variant.DAZ && ints && name.endsWith("pd")) {
                    continue;
                }
                binary(f, name, (int) c[1], (int) c[2], (boolean) c[3], ints, (int) c[5], (boolean) c[6], 0,
                        toInt && v == Variant.PLAIN ? Variant.NAN : v);
            }
        }
        for (boolean single : new boolean[] {true, false}) {
            scalar(f, single);
        }
    }

    /** COMIS/UCOMIS and the conversions between scalars and general registers. */
    private static void scalar(List<Form> f, boolean single) {
        String t = single ? "ss" : "sd";
        int p = single ? 0 : 0x66;
        compareToFlags(f, "ucomi" + t, p, 0x2E, single);
        compareToFlags(f, "comi" + t, p, 0x2F, single);
        int prefix = single ? 0xF3 : 0xF2;
        for (int sz = 4; sz <= 8; sz *= 2) {
            int size = sz;
            String s = Form.suffix(sz);
            for (String src : new String[] {Form.reg(sz), "m", Form.reg(sz) + " [rc]"}) {
                boolean mem = src.equals("m");
                boolean rc = src.endsWith("]");
                String name = "cvtsi2" + t + s + " " + (rc ? Form.reg(sz) + ",xmm [rc]" : src + ",xmm");
                f.add(new Form(name, g -> {
                    FloatValues.fillXmm(g, single, true);
                    if (rc) {
                        g.in.mxcsr = FloatValues.mxcsr(g.rnd, true);
                    }
                    Reg d = g.xmm();
                    g.emit(SseForms.sse(g, prefix, 0x2A, d, mem ? g.mem(size) : g.gpr(size)).size(size));
                }));
            }
            for (String n : new String[] {"cvtt", "cvt"}) {
                int op = n.equals("cvtt") ? 0x2C : 0x2D;
                for (String src : new String[] {"xmm", "m"}) {
                    boolean mem = src.equals("m");
                    f.add(new Form(n + t + "2si " + src + "," + Form.reg(sz), g -> {
                        FloatValues.fillXmm(g, single, true);
                        Reg d = g.gpr(size);
                        Opnd s2 = mem ? floatMem(g, single ? 4 : 8, false, single, true) : g.xmm();
                        g.emit(SseForms.sse(g, prefix, op, d, s2).size(size));
                    }));
                }
            }
        }
    }

    private static Mem floatMem(Gen g, int size, boolean aligned, boolean single, boolean nans) {
        Mem m = g.mem(size, aligned ? 16 : 1);
        FloatValues.fillMemory(g, m.target(), size, single, nans);
        return m;
    }

    /**
     * A two-operand form with register and (plain variant, compares) memory sources; {@code imm} > 0
     * adds an immediate below it (CMPxx predicates 0..7).
     */
    private static void binary(List<Form> f, String name, int prefix, int op, boolean single, boolean ints,
            int memSize, boolean aligned, int imm, Variant v) {
        String suffix = imm > 0 ? " imm," : " ";
        for (String src : v == Variant.PLAIN || imm > 0 ? new String[] {"xmm", "m"} : new String[] {"xmm"}) {
            boolean mem = src.equals("m");
            boolean nans = v == Variant.NAN;
            f.add(new Form(name + suffix + src + ",xmm" + (imm > 0 ? "" : v.tag), g -> {
                if (!ints) {
                    FloatValues.fillXmm(g, single, nans);
                }
                if (v == Variant.RC || v == Variant.DAZ) {
                    g.in.mxcsr = FloatValues.mxcsr(g.rnd, v == Variant.RC);
                }
                Reg d = g.xmm();
                Opnd s = mem ? (ints ? g.mem(memSize, aligned ? 16 : 1) : floatMem(g, memSize, aligned, single, nans))
                        : g.xmm();
                Code c = SseForms.sse(g, prefix, op, d, s);
                g.emit(imm > 0 ? c.imm(g.rnd.nextInt(imm), 1) : c);
            }));
        }
    }

    private static void compareToFlags(List<Form> f, String name, int prefix, int op, boolean single) {
        for (String src : new String[] {"xmm", "m"}) {
            boolean mem = src.equals("m");
            f.add(new Form(name + " " + src + ",xmm", g -> {
                FloatValues.fillXmm(g, single, true);
                Reg d = g.xmm();
                Opnd s = mem ? floatMem(g, single ? 4 : 8, false, single, true) : g.xmm();
                g.emit(SseForms.sse(g, prefix, op, d, s));
            }));
        }
    }
}
