package org.jvmm.hv.emu.impl.cpu.decode;

/** 0F AE: FXSAVE, FXRSTOR, LDMXCSR, STMXCSR, CLFLUSH and the fences. */
final class Group15 {

    private Group15() {
    }

    static void decode(Decoder d, Insn in) {
        d.modrm(in);
        int g = d.group();
        if (!in.mem) {
            in.op = g >= 5 && d.rep == 0 ? Op.FENCE : Op.UD;
            return;
        }
        if (d.rep != 0) {
            in.op = Op.UD;
            return;
        }
        in.op = switch (g) {
            case 0 -> Op.FXSAVE;
            case 1 -> Op.FXRSTOR;
            case 2 -> Op.LDMXCSR;
            case 3 -> Op.STMXCSR;
            case 7 -> Op.NOP;
            default -> Op.UD;
        };
    }
}
