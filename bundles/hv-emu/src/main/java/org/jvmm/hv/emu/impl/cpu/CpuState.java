package org.jvmm.hv.emu.impl.cpu;

/**
 * The architectural state of one x86-64 processor plus the few run-control fields the execution loop
 * shares with the instruction handlers. Arithmetic flags are lazy: see {@link Flags}.
 */
public final class CpuState {

    // Segment register indices, in x86 encoding order.
    public static final int ES = 0, CS = 1, SS = 2, DS = 3, FS = 4, GS = 5;

    // Segment attribute bits (VMX access-rights layout: descriptor bits 40..47 and 52..55).
    public static final int A_ACCESSED = 1, A_WRITABLE = 2, A_CONFORMING = 4, A_CODE = 8, A_S = 0x10,
            A_P = 0x80, A_L = 0x2000, A_DB = 0x4000, A_G = 0x8000, A_UNUSABLE = 0x10000;

    // CR0, CR4 and EFER bits.
    public static final long CR0_PE = 1, CR0_MP = 2, CR0_EM = 4, CR0_TS = 8, CR0_ET = 0x10, CR0_NE = 0x20,
            CR0_WP = 1L << 16, CR0_AM = 1L << 18, CR0_NW = 1L << 29, CR0_CD = 1L << 30, CR0_PG = 1L << 31;
    public static final long CR4_VME = 1, CR4_PVI = 2, CR4_TSD = 4, CR4_DE = 8, CR4_PSE = 0x10, CR4_PAE = 0x20,
            CR4_MCE = 0x40, CR4_PGE = 0x80, CR4_PCE = 0x100, CR4_OSFXSR = 0x200, CR4_OSXMMEXCPT = 0x400;
    public static final long EFER_SCE = 1, EFER_LME = 1L << 8, EFER_LMA = 1L << 10, EFER_NXE = 1L << 11;

    // Run-control bits in {@link #pending}.
    /** The current instruction raised an exception (in {@link #excVector}); it did not retire. */
    public static final int P_EXC = 1;
    /** The current instruction retired but the block must end (mode change, SMC, shadow, ...). */
    public static final int P_END = 2;
    /** HLT retired: the CPU sleeps until an interrupt. */
    public static final int P_HALT = 4;
    /** Triple fault or another shutdown condition. */
    public static final int P_SHUTDOWN = 8;

    /** General-purpose registers RAX..R15. */
    public final long[] r = new long[16];
    public long rip;

    /** RFLAGS without the six arithmetic flags (bit 1 always set). */
    public long flags = 2;
    /** Lazy arithmetic flags: operation kind and size, result, operands, auxiliary bits. */
    public int lfOp;
    public long lfRes, lfA, lfB, lfAux;
    /** The state a rotate left its untouched flags in (used while lfOp is {@link Flags#K_ROT}). */
    public int lf2Op;
    public long lf2Res, lf2A, lf2B, lf2Aux;

    public final int[] segSel = new int[6];
    public final long[] segBase = new long[6];
    public final int[] segLimit = new int[6];
    public final int[] segAttr = new int[6];
    public int ldtrSel, ldtrLimit, ldtrAttr, trSel, trLimit, trAttr;
    public long ldtrBase, trBase;
    public long gdtrBase, idtrBase;
    public int gdtrLimit, idtrLimit;

    public long cr0 = CR0_ET, cr2, cr3, cr4, cr8, efer, xcr0 = 1;
    public final long[] dr = new long[8];

    // Mode, derived from the above by {@link #updateMode()}.
    public int cpl;
    /** 64-bit code (long mode with CS.L). */
    public boolean long64;
    /** Default code size (2, 4 or 8 bytes) and stack pointer width (2, 4 or 8). */
    public int codeSize = 2, stackSize = 2;

    // Run control shared with instruction handlers.
    public int pending;
    public int excVector;
    public int excCode;
    public boolean excHasCode;
    /** The pending exception is a software interrupt (INT n, INT3, INTO): it retires the instruction. */
    public boolean excSoftware;
    /** Interrupts are inhibited for one instruction (after STI or MOV/POP SS). */
    public boolean shadow;
    public boolean halted;

    // MSR-backed state.
    public long star, lstar, cstar, sfmask, kernelGsBase, tscAux, tscOffset;
    public long sysenterCs, sysenterEsp, sysenterEip;
    public long apicBase = 0xFEE0_0900L, pat = 0x0007_0406_0007_0406L, miscEnable = 1, mtrrDefType;
    public final long[] mtrrVar = new long[16];
    public final long[] mtrrFixed = new long[11];

    // SSE and x87.
    /** XMM0..15 as low/high quadwords: xmm[2*n] is bits 0..63 of XMMn. */
    public final long[] xmm = new long[32];
    public int mxcsr = 0x1F80;
    /** Scratch for interrupt frames and multi-register pops (no allocation per event). */
    public final long[] scratch = new long[8];
    /** Scratch for a 128-bit SSE source operand. */
    public long tmpLo, tmpHi;
    public final double[] st = new double[8];
    public int fpuTop, fpuControl = 0x37F, fpuStatus, fpuTag = 0xFFFF;

    public boolean isProtected() {
        return (cr0 & CR0_PE) != 0;
    }

    public boolean isLongMode() {
        return (efer & EFER_LMA) != 0;
    }

    public boolean pagingEnabled() {
        return (cr0 & CR0_PG) != 0;
    }

    public int iopl() {
        return (int) (flags >>> 12) & 3;
    }

    /** Recomputes CPL, code size and stack size from CR0, EFER, CS and SS. */
    public void updateMode() {
        int csAttr = segAttr[CS];
        if ((cr0 & CR0_PE) == 0) {
            cpl = 0;
        } else if ((flags & Flags.VM) != 0) {
            cpl = 3;
        } else {
            cpl = (segAttr[SS] >>> 5) & 3;
        }
        long64 = isLongMode() && (csAttr & A_L) != 0;
        if (long64) {
            codeSize = 8;
            stackSize = 8;
        } else {
            codeSize = (csAttr & A_DB) != 0 ? 4 : 2;
            stackSize = (segAttr[SS] & A_DB) != 0 ? 4 : 2;
        }
    }

    /** Sets an exception to deliver instead of retiring the current instruction. */
    public void raise(int vector) {
        excVector = vector;
        excHasCode = false;
        excCode = 0;
        pending |= P_EXC;
    }

    /** Sets an exception with an error code. */
    public void raise(int vector, int code) {
        excVector = vector;
        excHasCode = true;
        excCode = code;
        pending |= P_EXC;
    }

    /** Raises a software interrupt: delivered after the instruction retires, with DPL checks. */
    public void raiseSoftware(int vector) {
        excVector = vector;
        excHasCode = false;
        excCode = 0;
        excSoftware = true;
        pending |= P_EXC;
    }

    public boolean faulted() {
        return (pending & P_EXC) != 0;
    }

    public long rflags() {
        return flags | Flags.arith(this);
    }

    /** Writes all of RFLAGS (no privilege checks). */
    public void setRflags(long value) {
        flags = (value & ~Flags.ARITH_MASK) | 2;
        Flags.setArith(this, value);
    }

    /** Loads a segment register as real mode does: base = selector * 16. */
    public void loadRealSegment(int seg, int selector) {
        segSel[seg] = selector & 0xFFFF;
        segBase[seg] = (long) (selector & 0xFFFF) << 4;
    }

    /** Puts the processor in its power-on state (real mode, CS:IP = F000:FFF0, base 0xFFFF0000). */
    public void reset() {
        java.util.Arrays.fill(r, 0);
        r[2] = 0x600; // EDX: processor signature (family 6) as on reset
        rip = 0xFFF0;
        flags = 2;
        Flags.setArith(this, 0);
        for (int i = 0; i < 6; i++) {
            segSel[i] = 0;
            segBase[i] = 0;
            segLimit[i] = 0xFFFF;
            segAttr[i] = A_P | A_S | A_WRITABLE | A_ACCESSED;
        }
        segSel[CS] = 0xF000;
        segBase[CS] = 0xFFFF_0000L;
        segAttr[CS] = A_P | A_S | A_CODE | A_WRITABLE | A_ACCESSED;
        ldtrSel = trSel = 0;
        ldtrBase = trBase = 0;
        ldtrLimit = trLimit = 0xFFFF;
        ldtrAttr = 0x82;
        trAttr = 0x8B;
        gdtrBase = idtrBase = 0;
        gdtrLimit = idtrLimit = 0xFFFF;
        cr0 = CR0_ET | CR0_CD | CR0_NW;
        cr2 = cr3 = cr4 = cr8 = efer = 0;
        xcr0 = 1;
        java.util.Arrays.fill(dr, 0);
        dr[6] = 0xFFFF0FF0L;
        dr[7] = 0x400;
        pending = 0;
        shadow = false;
        halted = false;
        java.util.Arrays.fill(xmm, 0);
        mxcsr = 0x1F80;
        java.util.Arrays.fill(st, 0);
        fpuTop = 0;
        fpuControl = 0x40;
        fpuStatus = 0;
        fpuTag = 0x5555;
        updateMode();
    }
}
