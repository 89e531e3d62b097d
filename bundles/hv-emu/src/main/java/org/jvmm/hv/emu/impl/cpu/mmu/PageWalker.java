package org.jvmm.hv.emu.impl.cpu.mmu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;

/**
 * Walks the guest page tables: 2-level 32-bit (with 4 MiB PSE pages), PAE and 4-level long mode
 * (2 MiB and 1 GiB pages). Checks U/S, R/W (with CR0.WP) and NX, sets accessed and dirty bits, and
 * raises #PF with CR2 and the error code on failure.
 */
final class PageWalker {

    static final int READ = 0, WRITE = 1, EXEC = 2;
    private static final long ADDR = 0x000F_FFFF_FFFF_F000L;
    private static final long P = 1, RW = 2, US = 4, A = 0x20, D = 0x40, PS = 0x80;
    private static final int PF_P = 1, PF_W = 2, PF_U = 4, PF_RSVD = 8, PF_I = 16;

    private final CpuState s;
    private final PhysicalMemory phys;
    private final MemorySegment ram;
    /** Physical addresses of the entries walked (leaf last) and their sizes (4 or 8). */
    private final long[] entryAddr = new long[4];
    private int depth;
    private boolean wide;
    /** The last successful walk ended in a page larger than 4 KiB. */
    boolean largePage;

    PageWalker(CpuState s, PhysicalMemory phys) {
        this.s = s;
        this.phys = phys;
        this.ram = phys.ram();
    }

    /** Translates {@code lin}; returns the physical address, or -1 after raising #PF. */
    long walk(long lin, int access, boolean user) {
        depth = 0;
        if (s.isLongMode()) {
            return walkLong(lin, access, user);
        }
        if ((s.cr4 & CpuState.CR4_PAE) != 0) {
            return walkPae(lin, access, user);
        }
        return walkLegacy(lin, access, user);
    }

    private long walkLong(long lin, int access, boolean user) {
        wide = true;
        boolean nxe = (s.efer & CpuState.EFER_NXE) != 0;
        long table = s.cr3 & ADDR;
        long rights = RW | US;
        boolean nx = false;
        for (int level = 4; level >= 1; level--) {
            long ea = table + ((lin >>> (3 + 9 * level)) & 0x1FF) * 8;
            long e = readEntry(ea);
            if ((e & P) == 0) {
                return fault(lin, access, user, 0);
            }
            if (!nxe && e < 0) {
                return fault(lin, access, user, PF_P | PF_RSVD);
            }
            rights &= e;
            nx |= nxe && e < 0;
            if ((level == 2 || level == 3) && (e & PS) != 0) {
                long size = 1L << (3 + 9 * level);
                return finish(lin, access, user, rights, nx, (e & ADDR & ~(size - 1)) | (lin & (size - 1)), true);
            }
            if (level == 1) {
                return finish(lin, access, user, rights, nx, (e & ADDR) | (lin & 0xFFF), false);
            }
            table = e & ADDR;
        }
        throw new AssertionError("unreachable");
    }

    private long walkPae(long lin, int access, boolean user) {
        wide = true;
        boolean nxe = (s.efer & CpuState.EFER_NXE) != 0;
        long pdpte = readPhys64((s.cr3 & 0xFFFF_FFE0L) + ((lin >>> 30) & 3) * 8);
        if ((pdpte & P) == 0) {
            return fault(lin, access, user, 0);
        }
        long table = pdpte & ADDR;
        long rights = RW | US;
        boolean nx = false;
        for (int level = 2; level >= 1; level--) {
            long ea = table + ((lin >>> (3 + 9 * level)) & 0x1FF) * 8;
            long e = readEntry(ea);
            if ((e & P) == 0) {
                return fault(lin, access, user, 0);
            }
            if (!nxe && e < 0) {
                return fault(lin, access, user, PF_P | PF_RSVD);
            }
            rights &= e;
            nx |= nxe && e < 0;
            if (level == 2 && (e & PS) != 0) {
                return finish(lin, access, user, rights, nx, (e & ADDR & ~0x1F_FFFFL) | (lin & 0x1F_FFFF), true);
            }
            if (level == 1) {
                return finish(lin, access, user, rights, nx, (e & ADDR) | (lin & 0xFFF), false);
            }
            table = e & ADDR;
        }
        throw new AssertionError("unreachable");
    }

    private long walkLegacy(long lin, int access, boolean user) {
        wide = false;
        long pdeAddr = (s.cr3 & 0xFFFF_F000L) + ((lin >>> 22) & 0x3FF) * 4;
        long pde = readEntry(pdeAddr);
        if ((pde & P) == 0) {
            return fault(lin, access, user, 0);
        }
        if ((pde & PS) != 0 && (s.cr4 & CpuState.CR4_PSE) != 0) {
            long pa = (pde & 0xFFC0_0000L) | ((pde >>> 13) & 0xFF) << 32 | (lin & 0x3F_FFFF);
            return finish(lin, access, user, pde, false, pa, true);
        }
        long pte = readEntry((pde & 0xFFFF_F000L) + ((lin >>> 12) & 0x3FF) * 4);
        if ((pte & P) == 0) {
            return fault(lin, access, user, 0);
        }
        return finish(lin, access, user, pde & pte, false, (pte & 0xFFFF_F000L) | (lin & 0xFFF), false);
    }

    private long finish(long lin, int access, boolean user, long rights, boolean nx, long pa, boolean large) {
        if (user && (rights & US) == 0) {
            return fault(lin, access, user, PF_P);
        }
        if (access == WRITE && (rights & RW) == 0 && (user || (s.cr0 & CpuState.CR0_WP) != 0)) {
            return fault(lin, access, user, PF_P);
        }
        if (access == EXEC && nx) {
            return fault(lin, access, user, PF_P);
        }
        for (int i = 0; i < depth; i++) {
            long bits = (i == depth - 1 && access == WRITE) ? A | D : A;
            setBits(entryAddr[i], bits);
        }
        largePage = large;
        return pa;
    }

    private long fault(long lin, int access, boolean user, int code) {
        if (access == WRITE) {
            code |= PF_W;
        }
        if (user) {
            code |= PF_U;
        }
        if (access == EXEC && (s.efer & CpuState.EFER_NXE) != 0) {
            code |= PF_I;
        }
        s.cr2 = lin;
        s.raise(14, code);
        return -1;
    }

    private long readEntry(long pa) {
        entryAddr[depth++] = pa;
        return wide ? readPhys64(pa) : readPhys32(pa);
    }

    private void setBits(long pa, long bits) {
        long off = phys.ramOffset(pa, true);
        if (off < 0) {
            return;
        }
        if (wide) {
            long e = ram.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
            if ((e & bits) != bits) {
                ram.set(ValueLayout.JAVA_LONG_UNALIGNED, off, e | bits);
            }
        } else {
            int e = ram.get(ValueLayout.JAVA_INT_UNALIGNED, off);
            if ((e & bits) != bits) {
                ram.set(ValueLayout.JAVA_INT_UNALIGNED, off, e | (int) bits);
            }
        }
    }

    private long readPhys64(long pa) {
        long off = phys.ramOffset(pa, false);
        return off < 0 ? 0 : ram.get(ValueLayout.JAVA_LONG_UNALIGNED, off);
    }

    private long readPhys32(long pa) {
        long off = phys.ramOffset(pa, false);
        return off < 0 ? 0 : ram.get(ValueLayout.JAVA_INT_UNALIGNED, off) & 0xFFFF_FFFFL;
    }
}
