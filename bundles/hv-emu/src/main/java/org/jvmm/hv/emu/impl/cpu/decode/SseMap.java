package org.jvmm.hv.emu.impl.cpu.decode;

/**
 * SSE/SSE2/SSE3 opcodes of the 0F map. The operation is {@link Op#SSE} with
 * {@code ext = mandatoryPrefix << 8 | opcode}, where the mandatory prefix is 0 (none), 1 (66),
 * 2 (F3) or 3 (F2); the executor decides which combinations exist.
 */
final class SseMap {

    private SseMap() {
    }

    static void decode(Decoder d, Insn in, int c) {
        int pfx = d.rep == Insn.REP ? 2 : d.rep == Insn.REPNE ? 3 : d.op66 ? 1 : 0;
        if (c == 0x77) { // EMMS, executed by the x87 unit as ext -1
            in.op = pfx == 0 ? Op.X87 : Op.UD;
            in.ext = -1;
            return;
        }
        d.modrm(in);
        in.op = Op.SSE;
        in.ext = pfx << 8 | c;
        in.osz = (d.rex & 8) != 0 ? 8 : 4;
        switch (c) {
            case 0x70, 0x71, 0x72, 0x73, 0xC2, 0xC4, 0xC5, 0xC6 -> in.imm = d.u8();
            default -> {
            }
        }
    }
}
