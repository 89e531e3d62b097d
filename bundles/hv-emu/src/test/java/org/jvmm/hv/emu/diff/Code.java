package org.jvmm.hv.emu.diff;

import java.io.ByteArrayOutputStream;
import org.jvmm.hv.emu.diff.Opnd.Mem;
import org.jvmm.hv.emu.diff.Opnd.Reg;

/**
 * Encodes one x86-64 instruction: legacy prefixes, REX (derived from W and the register numbers),
 * opcode, ModRM/SIB/displacement and immediate. Built fluently; {@link #bytes()} checks that AH..BH
 * are not combined with a REX prefix.
 */
final class Code {

    private final long address;
    private final ByteArrayOutputStream prefixes = new ByteArrayOutputStream();
    private boolean w;
    private boolean anyHigh;
    private boolean forceRex;
    private int rexR, rexB;
    private int[] opcode = new int[0];
    private boolean hasModrm;
    private int regField;
    private Opnd rm;
    private long imm;
    private int immSize;

    Code(long address) {
        this.address = address;
    }

    Code prefix(int b) {
        prefixes.write(b);
        return this;
    }

    Code w() {
        w = true;
        return this;
    }

    /** Operand size: 2 adds the 0x66 prefix, 8 sets REX.W, 1 and 4 add nothing. */
    Code size(int bytes) {
        if (bytes == 2) {
            prefix(0x66);
        } else if (bytes == 8) {
            w();
        }
        return this;
    }

    Code op(int... bytes) {
        opcode = bytes;
        return this;
    }

    /** An opcode whose last byte carries a register in its low three bits (PUSH r, BSWAP r, ...). */
    Code opReg(Reg r, int... bytes) {
        int[] b = bytes.clone();
        b[b.length - 1] += r.n() & 7;
        rexB = r.high() ? 0 : r.n() >> 3;
        note(r);
        opcode = b;
        return this;
    }

    Code modrm(Reg reg, Opnd rm) {
        note(reg);
        regField = reg.n();
        rexR = reg.high() ? 0 : reg.n() >> 3;
        return rm(rm);
    }

    /** ModRM with an opcode extension (/digit) in the reg field. */
    Code modrm(int digit, Opnd rm) {
        regField = digit;
        return rm(rm);
    }

    private Code rm(Opnd o) {
        hasModrm = true;
        rm = o;
        if (o instanceof Reg r) {
            note(r);
        }
        return this;
    }

    Code imm(long value, int bytes) {
        imm = value;
        immSize = bytes;
        return this;
    }

    private void note(Reg r) {
        anyHigh |= r.high();
        forceRex |= r.needsRex();
    }

    byte[] bytes() {
        int rexX = 0;
        int b = rexB;
        if (rm instanceof Reg r) {
            b = r.n() >> 3;
        } else if (rm instanceof Mem m) {
            b = m.base() >= 0 ? m.base() >> 3 : 0;
            rexX = m.index() >= 0 ? m.index() >> 3 : 0;
        }
        int rex = 0x40 | (w ? 8 : 0) | rexR << 2 | rexX << 1 | b;
        boolean needRex = rex != 0x40 || forceRex;
        if (needRex && anyHigh) {
            throw new IllegalStateException("AH..BH cannot be encoded with a REX prefix");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (rm instanceof Mem m) {
            if (m.seg() != 0) {
                out.write(m.seg());
            }
            if (m.addr32()) {
                out.write(0x67);
            }
        }
        out.writeBytes(prefixes.toByteArray());
        if (needRex) {
            out.write(rex);
        }
        for (int o : opcode) {
            out.write(o);
        }
        int dispAt = -1;
        int dispSize = 0;
        long disp = 0;
        if (hasModrm) {
            int reg = (regField & 7) << 3;
            if (rm instanceof Reg r) {
                out.write(0xC0 | reg | r.n() & 7);
            } else {
                Mem m = (Mem) rm;
                dispSize = m.dispSize();
                disp = m.disp();
                int ss = Integer.numberOfTrailingZeros(m.scale()) << 6;
                int idx = m.index() >= 0 ? (m.index() & 7) << 3 : 4 << 3;
                if (m.base() == Opnd.RIP) {
                    out.write(reg | 5);
                    dispSize = 4;
                } else if (m.base() == Opnd.NONE) {
                    out.write(reg | 4);
                    out.write(ss | idx | 5);
                    dispSize = 4;
                } else {
                    int base = m.base() & 7;
                    if (dispSize == 0 && base == 5) {
                        dispSize = 1;
                    }
                    int mod = dispSize == 0 ? 0 : dispSize == 1 ? 0x40 : 0x80;
                    if (m.index() >= 0 || base == 4) {
                        out.write(mod | reg | 4);
                        out.write(ss | idx | base);
                    } else {
                        out.write(mod | reg | base);
                    }
                }
            }
            dispAt = out.size();
            for (int i = 0; i < dispSize; i++) {
                out.write(0);
            }
        }
        for (int i = 0; i < immSize; i++) {
            out.write((int) (imm >>> (8 * i)));
        }
        byte[] code = out.toByteArray();
        if (rm instanceof Mem m && m.base() == Opnd.RIP) {
            disp = m.target() - (address + code.length);
        }
        if (dispSize == 1 && disp != (byte) disp || dispSize == 4 && disp != (int) disp) {
            throw new IllegalStateException("displacement " + disp + " does not fit " + dispSize + " bytes");
        }
        for (int i = 0; i < dispSize; i++) {
            code[dispAt + i] = (byte) (disp >>> (8 * i));
        }
        return code;
    }
}
