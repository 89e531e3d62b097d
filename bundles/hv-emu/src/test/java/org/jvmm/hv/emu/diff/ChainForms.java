package org.jvmm.hv.emu.diff;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * Flag producers followed by flag consumers, for the lazy-flags paths that a single instruction does
 * not reach (a condition evaluated straight from the pending operation, CF carried into ADC/RCL, INC
 * keeping the CF of the instruction before): one to three register-operand forms of a family, then a
 * SETcc, Jcc, CMOVcc, carry consumer or LAHF/PUSHF. Conditions are chosen among those whose flags
 * every producer defines.
 */
final class ChainForms {

    private static final String R = "r(8|16|32|64)";
    private static final String[][] FAMILIES = {
        {"alu", "(add|or|adc|sbb|and|sub|xor|cmp|test)[bwlq] (" + R + "|imm)," + R},
        {"incdec", "(inc|dec|neg|not)[bwlq] " + R},
        {"shift", "(rol|ror|rcl|rcr|shl|shr|sar)[bwlq] (imm,)?" + R + "|sh[lr]d[wlq] imm," + R + "," + R},
        {"mul", "imul[wlq] (imm,)?" + R + "," + R + "|i?mul[bwlq] " + R},
        {"bit", "bt[src]?[wlq] (" + R + "|imm)," + R + "|(bs[fr]|popcnt)[wlq] " + R + "," + R + "|xadd[bwlq] " + R + "," + R},
        {"mixed", ".*"},
    };
    /** Flags each condition code reads. */
    private static final int[] CC_FLAGS = {Fl.OF, Fl.OF, Fl.CF, Fl.CF, Fl.ZF, Fl.ZF, Fl.CF | Fl.ZF, Fl.CF | Fl.ZF,
        Fl.SF, Fl.SF, Fl.PF, Fl.PF, Fl.SF | Fl.OF, Fl.SF | Fl.OF, Fl.ZF | Fl.SF | Fl.OF, Fl.ZF | Fl.SF | Fl.OF};
    private static final String[] CONSUMERS = {"setcc", "jcc", "cmovcc", "carry", "lahf/pushf"};

    private ChainForms() {
    }

    static void add(List<Form> f) {
        List<Form> all = new ArrayList<>(f);
        List<Form> any = new ArrayList<>();
        for (String[] family : FAMILIES) {
            Pattern p = Pattern.compile(family[1]);
            List<Form> producers = new ArrayList<>();
            for (Form form : family[0].equals("mixed") ? any : all) {
                if (p.matcher(form.name()).matches()) {
                    producers.add(form);
                }
            }
            if (!family[0].equals("mixed")) {
                any.addAll(producers);
            }
            for (int k = 0; k < CONSUMERS.length; k++) {
                int consumer = k;
                f.add(new Form("flags " + family[0] + " -> " + CONSUMERS[k], g -> chain(g, producers, consumer)));
            }
        }
    }

    private static void chain(Gen g, List<Form> producers, int consumer) {
        int defined = Fl.ARITH;
        for (int n = 1 + g.rnd.nextInt(3); n > 0; n--) {
            producers.get(g.rnd.nextInt(producers.size())).emitter().emit(g);
            defined &= g.mask();
        }
        int cc = condition(g, defined);
        switch (consumer) {
            case 0 -> {
                if (cc >= 0) {
                    g.emit(g.insn().op(0x0F, 0x90 + cc).modrm(0, g.gpr(1)));
                }
            }
            case 1 -> {
                if (cc >= 0) {
                    g.emit(0x70 + cc, 3, 0x48, 0xF7, 0xD0);
                }
            }
            case 2 -> {
                if (cc >= 0) {
                    int sz = 2 << g.rnd.nextInt(3);
                    Reg d = g.gpr(sz);
                    g.emit(g.insn().size(sz).op(0x0F, 0x40 + cc).modrm(d, g.gpr(sz)));
                }
            }
            case 3 -> {
                if ((defined & Fl.CF) != 0) {
                    defined = carry(g, defined);
                }
            }
            default -> {
                if (defined == Fl.ARITH) {
                    g.emit(0x9C);
                } else if ((defined & (Fl.SF | Fl.ZF | Fl.AF | Fl.PF | Fl.CF)) == (Fl.SF | Fl.ZF | Fl.AF | Fl.PF | Fl.CF)) {
                    g.emit(0x9F);
                }
            }
        }
        g.mask(defined);
    }

    /** A random condition code whose flags are all defined, or -1. */
    private static int condition(Gen g, int defined) {
        int start = g.rnd.nextInt(16);
        for (int i = 0; i < 16; i++) {
            int cc = (start + i) & 15;
            if ((CC_FLAGS[cc] & defined) == CC_FLAGS[cc]) {
                return cc;
            }
        }
        return -1;
    }

    /** ADC, SBB, RCL or RCR by one, SETC or CMC after the producers; returns the flags defined after it. */
    private static int carry(Gen g, int defined) {
        int sz = 1 << g.rnd.nextInt(4);
        int w = sz == 1 ? 0 : 1;
        switch (g.rnd.nextInt(5)) {
            case 0 -> {
                Reg s = g.gpr(sz);
                g.emit(g.insn().size(sz).op(g.rnd.nextBoolean() ? 0x11 : 0x19).modrm(s, g.gpr(sz)));
                return Fl.ARITH;
            }
            case 1 -> {
                g.emit(g.insn().size(sz).op(0xD0 + w).modrm(2 + g.rnd.nextInt(2), g.gpr(sz)));
                return defined & (Fl.SF | Fl.ZF | Fl.AF | Fl.PF) | Fl.CF | Fl.OF;
            }
            case 2 -> {
                g.emit(g.insn().op(0x0F, 0x92).modrm(0, g.gpr(1)));
                return defined;
            }
            case 3 -> {
                g.emit(0xF5);
                return defined;
            }
            default -> {
                g.emit(g.insn().size(sz).op(sz == 1 ? 0x80 : 0x83).modrm(2, g.gpr(sz)).imm(g.imm(1), 1));
                return Fl.ARITH;
            }
        }
    }
}
