package org.jvmm.hv.emu.impl.cpu.decode;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.DS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.ES;
import static org.jvmm.hv.emu.impl.cpu.CpuState.FS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.GS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

/**
 * x86 instruction decoder: legacy and REX prefixes, one-byte map (here), two-byte map
 * ({@link TwoByteMap}), ModRM/SIB/displacement and immediates for 16, 32 and 64-bit code.
 * Fill {@link #buffer()} with the instruction bytes, then call {@link #decode}.
 */
public final class Decoder {

    /** The instruction continues beyond the bytes supplied. */
    public static final int NEED_MORE = -1;

    private final byte[] buf = new byte[32];
    private int avail;
    int pos;
    boolean m64;
    int rex;
    int rep;
    boolean op66;
    private int segOverride;
    /** Operand and address size chosen by mode and prefixes. */
    int osz;
    int asz;
    private boolean ripRelative;
    /** The immediate is a relative branch displacement to turn into an absolute target. */
    boolean relBranch;
    /** The last ModRM byte read. */
    int modrmByte;

    public byte[] buffer() {
        return buf;
    }

    /**
     * Decodes the instruction in the first {@code available} bytes of the buffer, at offset {@code rip}
     * in code of size {@code codeSize} (2, 4 or 8 bytes). Returns its length, or {@link #NEED_MORE}.
     */
    public int decode(Insn in, int available, long rip, int codeSize) {
        in.clear();
        avail = available;
        pos = 0;
        m64 = codeSize == 8;
        rex = 0;
        rep = 0;
        op66 = false;
        boolean ad67 = false;
        boolean lock = false;
        segOverride = -1;
        ripRelative = false;
        relBranch = false;
        int c;
        prefixes:
        while (true) {
            c = u8();
            switch (c) {
                case 0x66 -> op66 = true;
                case 0x67 -> ad67 = true;
                case 0xF0 -> lock = true;
                case 0xF2 -> rep = Insn.REPNE;
                case 0xF3 -> rep = Insn.REP;
                case 0x26 -> segOverride = ES;
                case 0x2E -> segOverride = CS;
                case 0x36 -> segOverride = SS;
                case 0x3E -> segOverride = DS;
                case 0x64 -> segOverride = FS;
                case 0x65 -> segOverride = GS;
                default -> {
                    if (m64 && (c & 0xF0) == 0x40) {
                        int next = peek();
                        if (isLegacyPrefix(next)) {
                            continue;
                        }
                        rex = c;
                        c = u8();
                    }
                    break prefixes;
                }
            }
            if (pos > 15) {
                break;
            }
        }
        if (m64) {
            osz = (rex & 8) != 0 ? 8 : op66 ? 2 : 4;
            asz = ad67 ? 4 : 8;
        } else {
            osz = (codeSize == 4) != op66 ? 4 : 2;
            asz = (codeSize == 4) != ad67 ? 4 : 2;
        }
        in.osz = osz;
        in.asz = asz;
        in.prefix = rep | (lock ? Insn.LOCK : 0) | (rex != 0 ? Insn.REX : 0) | ((rex & 8) != 0 ? Insn.REXW : 0);
        if (!m64 || segOverride == FS || segOverride == GS) {
            in.seg = segOverride;
        }
        if (c == 0x0F) {
            TwoByteMap.decode(this, in, u8());
        } else {
            OneByteMap.decode(this, in, c);
        }
        if (pos > 15) {
            in.op = Op.GP_LONG;
            pos = Math.min(15, avail);
        } else if (pos > avail) {
            return NEED_MORE;
        }
        in.len = pos;
        in.rip = rip;
        long next = rip + pos;
        in.nextRip = m64 ? next : codeSize == 2 ? next & 0xFFFF : next & 0xFFFF_FFFFL;
        if (ripRelative) {
            in.disp += in.nextRip;
        }
        if (relBranch) {
            long t = in.nextRip + in.imm;
            in.imm = m64 ? t : in.osz == 2 ? t & 0xFFFF : t & 0xFFFF_FFFFL;
        }
        return pos;
    }

    private static boolean isLegacyPrefix(int c) {
        return switch (c) {
            case 0x66, 0x67, 0xF0, 0xF2, 0xF3, 0x26, 0x2E, 0x36, 0x3E, 0x64, 0x65 -> true;
            default -> false;
        };
    }

    // ---- byte readers (reads past the supplied bytes return 0; decode then reports NEED_MORE) ----

    int u8() {
        int p = pos++;
        return p < buf.length ? buf[p] & 0xFF : 0;
    }

    private int peek() {
        return pos < buf.length ? buf[pos] & 0xFF : 0;
    }

    long s8() {
        return (byte) u8();
    }

    int u16() {
        return u8() | u8() << 8;
    }

    long s32() {
        return u8() | u8() << 8 | u8() << 16 | u8() << 24;
    }

    long u64() {
        long lo = s32() & 0xFFFF_FFFFL;
        return lo | s32() << 32;
    }

    /** Iz: 16 bits for 16-bit operands, else 32 bits sign-extended. */
    long immZ() {
        return osz == 2 ? u16() : s32();
    }

    /** A relative branch displacement of 8 bits. */
    void rel8(Insn in) {
        in.imm = s8();
        relBranch = true;
    }

    /** A relative branch displacement of 16 or 32 bits (64-bit code uses 32). */
    void relZ(Insn in) {
        in.imm = in.osz == 2 ? (short) u16() : s32();
        relBranch = true;
    }

    /** Near branches and stack operations default to 64-bit operands in 64-bit code. */
    void size64(Insn in, boolean forced) {
        if (m64) {
            in.osz = (op66 && !forced) ? 2 : 8;
        }
    }

    // ---- ModRM ----

    /** Reads ModRM (and SIB, displacement); sets reg, rm or the memory operand. */
    void modrm(Insn in) {
        int m = u8();
        modrmByte = m;
        int mod = m >>> 6;
        in.reg = ((m >>> 3) & 7) | (rex & 4) << 1;
        int rmf = m & 7;
        if (mod == 3) {
            in.mem = false;
            in.rm = rmf | (rex & 1) << 3;
            return;
        }
        in.mem = true;
        boolean stackDefault;
        if (asz == 2) {
            stackDefault = modrm16(in, mod, rmf);
        } else {
            stackDefault = modrm32(in, mod, rmf);
        }
        if (!m64) {
            in.seg = segOverride >= 0 ? segOverride : stackDefault ? SS : DS;
        }
    }

    private boolean modrm16(Insn in, int mod, int rmf) {
        final int bx = 3, bp = 5, si = 6, di = 7;
        switch (rmf) {
            case 0 -> { in.base = bx; in.index = si; }
            case 1 -> { in.base = bx; in.index = di; }
            case 2 -> { in.base = bp; in.index = si; }
            case 3 -> { in.base = bp; in.index = di; }
            case 4 -> in.base = si;
            case 5 -> in.base = di;
            case 6 -> in.base = mod == 0 ? -1 : bp;
            default -> in.base = bx;
        }
        if (mod == 0 && rmf == 6) {
            in.disp = u16();
        } else if (mod == 1) {
            in.disp = s8();
        } else if (mod == 2) {
            in.disp = u16();
        }
        return in.base == bp;
    }

    private boolean modrm32(Insn in, int mod, int rmf) {
        boolean stackDefault = false;
        if (rmf == 4) {
            int sib = u8();
            in.scale = sib >>> 6;
            int idx = ((sib >>> 3) & 7) | (rex & 2) << 2;
            in.index = idx == 4 ? -1 : idx;
            int b = sib & 7;
            if (b == 5 && mod == 0) {
                in.base = -1;
                in.disp = s32();
            } else {
                in.base = b | (rex & 1) << 3;
                stackDefault = b == 4 || b == 5;
            }
        } else if (rmf == 5 && mod == 0) {
            in.base = -1;
            in.disp = s32();
            ripRelative = m64;
        } else {
            in.base = rmf | (rex & 1) << 3;
            stackDefault = rmf == 5;
        }
        if (mod == 1) {
            in.disp += s8();
        } else if (mod == 2) {
            in.disp += s32();
        }
        return stackDefault;
    }

    /** A memory operand at an absolute offset (MOV moffs, string and XLAT sources). */
    void absolute(Insn in, long offset) {
        in.mem = true;
        in.base = -1;
        in.index = -1;
        in.disp = offset;
        if (!m64) {
            in.seg = segOverride >= 0 ? segOverride : DS;
        }
    }

    /** The default data segment (DS unless overridden) for string sources. */
    void dataSegment(Insn in) {
        if (!m64) {
            in.seg = segOverride >= 0 ? segOverride : DS;
        }
    }

    /** Byte operands without REX: registers 4..7 are AH, CH, DH, BH (encoded 16..19). */
    void byteReg(Insn in) {
        if (rex == 0 && in.reg >= 4 && in.reg < 8) {
            in.reg += 12;
        }
    }

    void byteRm(Insn in) {
        if (rex == 0 && !in.mem && in.rm >= 4 && in.rm < 8) {
            in.rm += 12;
        }
    }

    /** The raw ModRM.reg field (group opcode extension). */
    int group() {
        return (modrmByte >>> 3) & 7;
    }
}
