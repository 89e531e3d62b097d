package org.jvmm.hv.emu.diff;

/** RFLAGS bits the harness loads, compares and masks. */
final class Fl {

    static final int CF = 1, PF = 4, AF = 0x10, ZF = 0x40, SF = 0x80, DF = 0x400, OF = 0x800;
    /** The six arithmetic flags. */
    static final int ARITH = CF | PF | AF | ZF | SF | OF;
    /** Flags a logic instruction (AND, OR, XOR, TEST) defines: AF is undefined. */
    static final int LOGIC = ARITH & ~AF;
    /** Flags after MUL and IMUL: only CF and OF are defined. */
    static final int MUL = CF | OF;

    private Fl() {
    }

    static String names(long bits) {
        StringBuilder b = new StringBuilder();
        String[] n = {"CF", "", "PF", "", "AF", "", "ZF", "SF", "", "", "DF", "OF"};
        for (int i = 0; i < n.length; i++) {
            if (!n[i].isEmpty() && (bits & (1L << i)) != 0) {
                b.append(b.isEmpty() ? "" : ",").append(n[i]);
            }
        }
        return b.isEmpty() ? "-" : b.toString();
    }
}
