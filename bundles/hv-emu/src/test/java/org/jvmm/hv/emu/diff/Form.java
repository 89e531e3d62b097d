package org.jvmm.hv.emu.diff;

/**
 * An instruction form under test, named like the boot's instruction mix (AT&T mnemonic with size
 * suffix, then operand kinds source first: {@code addq imm,r64}; {@code m} is memory, {@code sreg}
 * memory through an FS/GS override). Its emitter builds one random case into a {@link Gen}.
 */
record Form(String name, Emitter emitter) {

    @FunctionalInterface
    interface Emitter {
        void emit(Gen g);
    }

    static final int[] SIZES = {1, 2, 4, 8};

    static String suffix(int size) {
        return switch (size) {
            case 1 -> "b";
            case 2 -> "w";
            case 4 -> "l";
            default -> "q";
        };
    }

    static String reg(int size) {
        return "r" + size * 8;
    }
}
