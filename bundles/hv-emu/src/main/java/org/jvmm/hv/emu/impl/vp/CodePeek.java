package org.jvmm.hv.emu.impl.vp;

import java.util.HexFormat;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;

/**
 * Reads the instruction bytes at CS:RIP for diagnostics, without side effects: its own read-only
 * page walk (no accessed bits, no #PF, no TLB fill), stopping at the first byte that is not RAM.
 */
final class CodePeek {
    private static final long ADDR = 0x000F_FFFF_FFFF_F000L;
    private static final long P = 1, PS = 0x80;

    private CodePeek() {
    }

    /** The linear address of CS:RIP. */
    static long linearRip(CpuState s) {
        return s.long64 ? s.rip : (s.segBase[CpuState.CS] + s.rip) & 0xFFFF_FFFFL;
    }

    /** Up to {@code max} bytes at CS:RIP in hex ("0f 0b"), or a note saying why there are none. */
    static String bytesAtRip(CpuState s, PhysicalMemory mem, int max) {
        long lin = linearRip(s);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < max; i++) {
            long pa = translate(s, mem, lin + i);
            long off = pa < 0 ? -1 : mem.ramOffset(pa, false);
            if (off < 0) {
                if (i == 0) {
                    return pa < 0 ? "(linear 0x" + Long.toHexString(lin) + " is not mapped)"
                            : "(physical 0x" + Long.toHexString(pa) + " is not RAM)";
                }
                break;
            }
            sb.append(i == 0 ? "" : " ").append(HexFormat.of().toHexDigits((byte) mem.read(pa, 1)));
        }
        return sb.toString();
    }

    /** The first {@code max} GDT descriptors in hex, for diagnostics. */
    static String gdt(CpuState s, PhysicalMemory mem, int max) {
        StringBuilder sb = new StringBuilder("  gdt:");
        for (int i = 0; i < max && i * 8 + 7 <= s.gdtrLimit; i++) {
            long pa = translate(s, mem, s.gdtrBase + i * 8L);
            sb.append(' ').append(pa < 0 ? "unmapped" : Long.toHexString(mem.read(pa, 8)));
        }
        return sb.append('\n').toString();
    }

    /** The physical address of {@code lin} under the current paging mode, or -1 when not mapped. */
    static long translate(CpuState s, PhysicalMemory mem, long lin) {
        if (!s.pagingEnabled()) {
            return s.isLongMode() ? lin : lin & 0xFFFF_FFFFL;
        }
        if (s.isLongMode()) {
            return walk(mem, s.cr3 & ADDR, lin, 4, 8);
        }
        if ((s.cr4 & CpuState.CR4_PAE) != 0) {
            long pdpte = entry(mem, (s.cr3 & 0xFFFF_FFE0L) + ((lin >>> 30) & 3) * 8, 8);
            return (pdpte & P) == 0 ? -1 : walk(mem, pdpte & ADDR, lin, 2, 8);
        }
        return walk(mem, s.cr3 & 0xFFFF_F000L, lin & 0xFFFF_FFFFL, 2, 4);
    }

    /** Walks {@code levels} levels of {@code size}-byte entries (9 or 10 index bits per level). */
    private static long walk(PhysicalMemory mem, long table, long lin, int levels, int size) {
        int bits = size == 8 ? 9 : 10;
        for (int level = levels; level >= 1; level--) {
            int shift = 12 + bits * (level - 1);
            long e = entry(mem, table + ((lin >>> shift) & ((1L << bits) - 1)) * size, size);
            if ((e & P) == 0) {
                return -1;
            }
            long frame = size == 8 ? e & ADDR : e & 0xFFFF_F000L;
            if (level > 1 && (e & PS) != 0) {
                long pageSize = 1L << shift;
                return (frame & ~(pageSize - 1)) | (lin & (pageSize - 1));
            }
            if (level == 1) {
                return frame | (lin & 0xFFF);
            }
            table = frame;
        }
        return -1;
    }

    private static long entry(PhysicalMemory mem, long pa, int size) {
        return mem.ramOffset(pa, false) < 0 ? 0 : mem.read(pa, size);
    }
}
