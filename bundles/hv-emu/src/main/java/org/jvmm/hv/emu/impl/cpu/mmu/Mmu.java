package org.jvmm.hv.emu.impl.cpu.mmu;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.IoBus;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;

/**
 * Linear-address memory access for one CPU: a direct-mapped software TLB of plain arrays (one set for
 * supervisor and one for user accesses; separate read, write and execute tags sharing one host
 * addend) in front of the page walker. A hit is a tag compare and a {@link MemorySegment} access.
 * Faults are raised into {@link CpuState} (pending exception) and the access returns 0.
 */
public final class Mmu {

    public static final int TLB_BITS = 10, TLB_SIZE = 1 << TLB_BITS, TLB_MASK = TLB_SIZE - 1;
    static final ValueLayout.OfLong L64 = ValueLayout.JAVA_LONG_UNALIGNED;
    static final ValueLayout.OfInt L32 = ValueLayout.JAVA_INT_UNALIGNED;
    static final ValueLayout.OfShort L16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    static final ValueLayout.OfByte L8 = ValueLayout.JAVA_BYTE;
    /** Returned by {@link #hostForWrite} when the access is allowed but not a plain RAM access. */
    public static final long NOT_RAM = -2;

    final long[] tagR = new long[2 * TLB_SIZE];
    final long[] tagW = new long[2 * TLB_SIZE];
    final long[] tagX = new long[2 * TLB_SIZE];
    /** Writable pages that hold decoded code: writes take the checked path (no page walk). */
    final long[] tagWC = new long[2 * TLB_SIZE];
    final long[] addend = new long[2 * TLB_SIZE];
    final long[] hostPage = new long[2 * TLB_SIZE];
    /** TLB set in use: 0 for supervisor accesses, TLB_SIZE for user accesses. */
    int base;
    private boolean user;
    private boolean anyLarge;
    /** RAM offset found by the last {@link #rmwRead}, or {@link #NOT_RAM}. */
    private long rmwHost;

    private final CpuState s;
    private final PhysicalMemory phys;
    private final MemorySegment ram;
    private final IoBus io;
    private final CodePages code;
    private final PageWalker walker;

    public Mmu(CpuState s, PhysicalMemory phys, IoBus io, CodePages code) {
        this.s = s;
        this.phys = phys;
        this.ram = phys.ram();
        this.io = io;
        this.code = code;
        this.walker = new PageWalker(s, phys);
        code.register(this);
        flush();
    }

    public MemorySegment ram() {
        return ram;
    }

    public CodePages codePages() {
        return code;
    }

    /** Selects the TLB set for the current privilege level; call after CPL changes. */
    public void syncPrivilege() {
        user = s.cpl == 3;
        base = user ? TLB_SIZE : 0;
    }

    /** Makes following accesses supervisor accesses (descriptor tables, TSS); returns the old state. */
    public boolean beginSystem() {
        boolean old = user;
        user = false;
        base = 0;
        return old;
    }

    public void endSystem(boolean old) {
        user = old;
        base = old ? TLB_SIZE : 0;
    }

    public void flush() {
        Arrays.fill(tagR, -1);
        Arrays.fill(tagW, -1);
        Arrays.fill(tagX, -1);
        Arrays.fill(tagWC, -1);
        anyLarge = false;
    }

    /** INVLPG: drops the translation of the page holding {@code lin}. */
    public void flushPage(long lin) {
        if (anyLarge) {
            flush();
            return;
        }
        long page = lin & ~0xFFFL;
        int i = (int) (lin >>> 12) & TLB_MASK;
        for (int set = 0; set <= TLB_SIZE; set += TLB_SIZE) {
            if (tagR[set + i] == page || tagW[set + i] == page || tagX[set + i] == page || tagWC[set + i] == page) {
                tagR[set + i] = tagW[set + i] = tagX[set + i] = tagWC[set + i] = -1;
            }
        }
    }

    /** The page at RAM offset {@code host} now holds code: its writable entries move to the checked set. */
    void dropWritable(long host) {
        for (int i = 0; i < tagW.length; i++) {
            if (tagW[i] != -1 && hostPage[i] == host) {
                tagWC[i] = tagW[i];
                tagW[i] = -1;
            }
        }
    }

    /**
     * A write of {@code size} bytes at RAM offset {@code host} in a page that may hold code: makes the
     * decoded blocks it overwrites stale and ends the current block.
     */
    private void checkCodeWrite(long host, int size) {
        if (code.isCode(host) && code.written(host, size)) {
            s.pending |= CpuState.P_END;
        }
    }

    /** RAM offset for a write through the checked (code page) set, or -1 on a miss. */
    private long codeWriteHit(long lin, int size) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagWC[i] != (lin & ~0xFFFL) || (lin & 0xFFF) > 0x1000 - size) {
            return -1;
        }
        long host = addend[i] + lin;
        checkCodeWrite(host, size);
        if (!code.isCode(host)) {
            tagW[i] = tagWC[i];
            tagWC[i] = -1;
        }
        return host;
    }

    // ---- reads ----

    public long rd8(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagR[i] == (lin & ~0xFFFL)) {
            return ram.get(L8, addend[i] + lin) & 0xFFL;
        }
        return readSlow(lin, 1);
    }

    public long rd16(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagR[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFFE) {
            return ram.get(L16, addend[i] + lin) & 0xFFFFL;
        }
        return readSlow(lin, 2);
    }

    public long rd32(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagR[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFFC) {
            return ram.get(L32, addend[i] + lin) & 0xFFFF_FFFFL;
        }
        return readSlow(lin, 4);
    }

    public long rd64(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagR[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFF8) {
            return ram.get(L64, addend[i] + lin);
        }
        return readSlow(lin, 8);
    }

    /** Reads {@code size} bytes (1, 2, 4, 8) zero-extended; 0 after a fault. */
    public long read(long lin, int size) {
        return switch (size) {
            case 1 -> rd8(lin);
            case 2 -> rd16(lin);
            case 4 -> rd32(lin);
            default -> rd64(lin);
        };
    }

    // ---- writes ----

    public void wr8(long lin, long v) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagW[i] == (lin & ~0xFFFL)) {
            ram.set(L8, addend[i] + lin, (byte) v);
            return;
        }
        writeSlow(lin, 1, v);
    }

    public void wr16(long lin, long v) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagW[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFFE) {
            ram.set(L16, addend[i] + lin, (short) v);
            return;
        }
        writeSlow(lin, 2, v);
    }

    public void wr32(long lin, long v) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagW[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFFC) {
            ram.set(L32, addend[i] + lin, (int) v);
            return;
        }
        writeSlow(lin, 4, v);
    }

    public void wr64(long lin, long v) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagW[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0xFF8) {
            ram.set(L64, addend[i] + lin, v);
            return;
        }
        writeSlow(lin, 8, v);
    }

    public void write(long lin, int size, long v) {
        switch (size) {
            case 1 -> wr8(lin, v);
            case 2 -> wr16(lin, v);
            case 4 -> wr32(lin, v);
            default -> wr64(lin, v);
        }
    }

    // ---- read-modify-write for translated code ----

    /**
     * The read half of a read-modify-write of {@code size} bytes at {@code lin}: checks write access
     * first, as the processor does, and returns the old value (0 after a fault). Follow it with
     * {@link #rmwWrite} when no fault is pending.
     */
    public long rmwRead(long lin, int size) {
        long h = hostForWrite(lin, size);
        rmwHost = h;
        if (h >= 0) {
            return readHost(h, size);
        }
        return h == NOT_RAM ? read(lin, size) : 0;
    }

    /** The write half of the read-modify-write {@link #rmwRead} began at {@code lin}. */
    public void rmwWrite(long lin, int size, long v) {
        long h = rmwHost;
        if (h >= 0) {
            writeHost(h, size, v);
        } else {
            write(lin, size, v);
        }
    }

    // ---- direct host access for read-modify-write and string instructions ----

    /**
     * Checks that {@code size} bytes at {@code lin} may be written and returns their RAM offset; or
     * {@link #NOT_RAM} when the access is allowed but must go through {@link #read}/{@link #write}
     * (MMIO, or it crosses a page); or -1 after raising a fault.
     */
    public long hostForWrite(long lin, int size) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagW[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0x1000 - size) {
            return addend[i] + lin;
        }
        return hostForAccessSlow(lin, size, PageWalker.WRITE);
    }

    /** Like {@link #hostForWrite} for reads. */
    public long hostForRead(long lin, int size) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagR[i] == (lin & ~0xFFFL) && (lin & 0xFFF) <= 0x1000 - size) {
            return addend[i] + lin;
        }
        return hostForAccessSlow(lin, size, PageWalker.READ);
    }

    /** The RAM offset of {@code lin} for an instruction fetch when the TLB holds it, else -1 (no page walk). */
    public long fetchHit(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        return tagX[i] == (lin & ~0xFFFL) ? addend[i] + lin : -1;
    }

    /** RAM offset of the code byte at {@code lin}; -1 after a fault; {@link #NOT_RAM} for non-RAM. */
    public long hostForFetch(long lin) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        if (tagX[i] == (lin & ~0xFFFL)) {
            return addend[i] + lin;
        }
        long pa = translate(lin, PageWalker.EXEC);
        if (pa < 0) {
            return -1;
        }
        long off = phys.ramOffset(pa, false);
        return off < 0 ? NOT_RAM : off;
    }

    public long readHost(long host, int size) {
        return switch (size) {
            case 1 -> ram.get(L8, host) & 0xFFL;
            case 2 -> ram.get(L16, host) & 0xFFFFL;
            case 4 -> ram.get(L32, host) & 0xFFFF_FFFFL;
            default -> ram.get(L64, host);
        };
    }

    public void writeHost(long host, int size, long v) {
        switch (size) {
            case 1 -> ram.set(L8, host, (byte) v);
            case 2 -> ram.set(L16, host, (short) v);
            case 4 -> ram.set(L32, host, (int) v);
            default -> ram.set(L64, host, v);
        }
    }

    // ---- slow paths ----

    private long hostForAccessSlow(long lin, int size, int access) {
        if (access == PageWalker.WRITE) {
            long h = codeWriteHit(lin, size);
            if (h >= 0) {
                return h;
            }
        }
        long pa = translate(lin, access);
        if (pa < 0) {
            return -1;
        }
        if ((lin & 0xFFF) > 0x1000 - size) {
            return translate(nextPage(lin), access) < 0 ? -1 : NOT_RAM;
        }
        long off = phys.ramOffset(pa, access == PageWalker.WRITE);
        if (off >= 0 && access == PageWalker.WRITE) {
            checkCodeWrite(off, size);
        }
        return off < 0 ? NOT_RAM : off;
    }

    private long readSlow(long lin, int size) {
        long pa = translate(lin, PageWalker.READ);
        if (pa < 0) {
            return 0;
        }
        int first = 0x1000 - (int) (lin & 0xFFF);
        if (first >= size) {
            return physRead(pa, size);
        }
        long pa2 = translate(nextPage(lin), PageWalker.READ);
        if (pa2 < 0) {
            return 0;
        }
        long v = 0;
        for (int k = 0; k < size; k++) {
            long b = physRead(k < first ? pa + k : pa2 + (k - first), 1);
            v |= b << (8 * k);
        }
        return v;
    }

    private void writeSlow(long lin, int size, long v) {
        long h = codeWriteHit(lin, size);
        if (h >= 0) {
            writeHost(h, size, v);
            return;
        }
        long pa = translate(lin, PageWalker.WRITE);
        if (pa < 0) {
            return;
        }
        int first = 0x1000 - (int) (lin & 0xFFF);
        if (first >= size) {
            physWrite(pa, size, v);
            return;
        }
        long pa2 = translate(nextPage(lin), PageWalker.WRITE);
        if (pa2 < 0) {
            return;
        }
        for (int k = 0; k < size; k++) {
            physWrite(k < first ? pa + k : pa2 + (k - first), 1, v >>> (8 * k));
        }
    }

    private long nextPage(long lin) {
        long next = (lin | 0xFFF) + 1;
        return s.isLongMode() ? next : next & 0xFFFF_FFFFL;
    }

    long physRead(long pa, int size) {
        long off = phys.ramOffset(pa, false);
        return off >= 0 ? readHost(off, size) : io.mmioRead(pa, size);
    }

    void physWrite(long pa, int size, long v) {
        long off = phys.ramOffset(pa, true);
        if (off >= 0) {
            checkCodeWrite(off, size);
            writeHost(off, size, v);
        } else {
            io.mmioWrite(pa, size, v);
        }
    }

    /**
     * Translates a linear address for an access, filling the TLB when it maps RAM. Returns the
     * physical address or -1 after raising #PF or #GP (non-canonical).
     */
    long translate(long lin, int access) {
        long pa;
        if (s.isLongMode() && (lin << 16 >> 16) != lin) {
            s.raise(13, 0);
            return -1;
        }
        if (s.pagingEnabled()) {
            pa = walker.walk(lin, access, user);
            if (pa < 0) {
                return -1;
            }
            anyLarge |= walker.largePage;
        } else {
            pa = lin;
        }
        long off = phys.ramOffset(pa & ~0xFFFL, access == PageWalker.WRITE);
        if (off >= 0) {
            fill(lin, off, access);
        }
        return pa;
    }

    private void fill(long lin, long off, int access) {
        int i = base + ((int) (lin >>> 12) & TLB_MASK);
        long page = lin & ~0xFFFL;
        long add = (off & ~0xFFFL) - page;
        boolean same = addend[i] == add && (tagR[i] == page || tagW[i] == page || tagX[i] == page || tagWC[i] == page);
        if (!same) {
            tagR[i] = tagW[i] = tagX[i] = tagWC[i] = -1;
        }
        addend[i] = add;
        hostPage[i] = off & ~0xFFFL;
        switch (access) {
            case PageWalker.READ -> tagR[i] = page;
            case PageWalker.WRITE -> {
                tagR[i] = page;
                if (code.isCode(off)) {
                    tagWC[i] = page;
                } else {
                    tagW[i] = page;
                }
            }
            default -> tagX[i] = page;
        }
    }
}
