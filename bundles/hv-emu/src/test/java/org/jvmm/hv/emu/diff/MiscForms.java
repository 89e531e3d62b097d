package org.jvmm.hv.emu.diff;

import java.util.List;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/** NOPs (incl. multi-byte and ENDBR64), PAUSE, fences, prefetches, CLFLUSH, MOVNTI and the flag instructions. */
final class MiscForms {

    private MiscForms() {
    }

    static void add(List<Form> f) {
        f.add(new Form("nop", g -> g.emit(0x90)));
        f.add(new Form("nopl m", g -> g.emit(g.insn().op(0x0F, 0x1F).modrm(0, g.mem(4)))));
        f.add(new Form("nopw m", g -> g.emit(g.insn().size(2).op(0x0F, 0x1F).modrm(0, g.mem(2)))));
        f.add(new Form("nopw sreg", g -> g.emit(g.insn().size(2).op(0x0F, 0x1F).modrm(0, g.memSeg(2)))));
        f.add(new Form("pause", g -> g.emit(0xF3, 0x90)));
        f.add(new Form("endbr64", g -> g.emit(0xF3, 0x0F, 0x1E, 0xFA)));
        f.add(new Form("lfence", g -> g.emit(0x0F, 0xAE, 0xE8)));
        f.add(new Form("mfence", g -> g.emit(0x0F, 0xAE, 0xF0)));
        f.add(new Form("sfence", g -> g.emit(0x0F, 0xAE, 0xF8)));
        String[] prefetch = {"prefetchnta", "prefetcht0", "prefetcht1", "prefetcht2"};
        for (int k = 0; k < 4; k++) {
            int digit = k;
            f.add(new Form(prefetch[k] + " m", g -> g.emit(g.insn().op(0x0F, 0x18).modrm(digit, g.mem(1)))));
        }
        f.add(new Form("prefetchw m", g -> g.emit(g.insn().op(0x0F, 0x0D).modrm(1, g.mem(1)))));
        f.add(new Form("clflush m", g -> g.emit(g.insn().op(0x0F, 0xAE).modrm(7, g.mem(1)))));
        for (int sz = 4; sz <= 8; sz *= 2) {
            int size = sz;
            f.add(new Form("movnti" + Form.suffix(sz) + " " + Form.reg(sz) + ",m", g -> {
                Reg s = g.gpr(size);
                g.emit(g.insn().size(size).op(0x0F, 0xC3).modrm(s, g.mem(size)));
            }));
        }
        Object[][] flags = {{"clc", 0xF8}, {"stc", 0xF9}, {"cmc", 0xF5}, {"cld", 0xFC}, {"std", 0xFD},
            {"lahf", 0x9F}, {"sahf", 0x9E}};
        for (Object[] o : flags) {
            int op = (int) o[1];
            f.add(new Form((String) o[0], g -> {
                if (g.rnd.nextBoolean()) {
                    g.in.flags |= Fl.DF;
                }
                g.emit(op);
            }));
        }
    }
}
