package org.jvmm.hv.emu.impl.vp;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * The x87/SSE state of a {@link CpuState} as a 512-byte FXSAVE image and back. The CPU holds the x87
 * registers as doubles, indexed by physical register ({@code ST(i)} is {@code st[(top + i) & 7]}),
 * the status word without TOP (kept in {@code fpuTop}) and the full 16-bit tag word; the image holds
 * 80-bit registers in stack order and the abridged tag byte. FOP, FIP and FDP are not tracked and save
 * as zero. (The CPU's FXSAVE instruction writes the same layout to guest memory.)
 */
final class FxImage {
    private static final int FCW = 0, FSW = 2, FTW = 4, MXCSR = 24, MXCSR_MASK = 28, ST = 32, XMM = 160;
    /** The MXCSR bits this CPU supports (DAZ included), as FXSAVE reports them. */
    static final int MXCSR_SUPPORTED = 0xFFFF;
    private static final int TOP_BITS = 0x3800;

    private FxImage() {
    }

    static FpuState save(CpuState s) {
        ByteBuffer b = ByteBuffer.allocate(FpuState.SIZE).order(ByteOrder.LITTLE_ENDIAN);
        int top = s.fpuTop & 7;
        b.putShort(FCW, (short) s.fpuControl);
        b.putShort(FSW, (short) ((s.fpuStatus & ~TOP_BITS) | top << 11));
        b.put(FTW, (byte) abridgedTag(s.fpuTag));
        b.putInt(MXCSR, s.mxcsr);
        b.putInt(MXCSR_MASK, MXCSR_SUPPORTED);
        for (int i = 0; i < 8; i++) {
            Extended80.write(b, ST + 16 * i, s.st[(top + i) & 7]);
        }
        for (int i = 0; i < 16; i++) {
            b.putLong(XMM + 16 * i, s.xmm[2 * i]);
            b.putLong(XMM + 16 * i + 8, s.xmm[2 * i + 1]);
        }
        return new FpuState(b.array());
    }

    static void restore(CpuState s, FpuState state) {
        ByteBuffer b = ByteBuffer.wrap(state.fxsave()).order(ByteOrder.LITTLE_ENDIAN);
        int fsw = b.getShort(FSW) & 0xFFFF;
        int top = fsw >>> 11 & 7;
        s.fpuControl = b.getShort(FCW) & 0xFFFF;
        s.fpuStatus = fsw & ~TOP_BITS;
        s.fpuTop = top;
        s.mxcsr = b.getInt(MXCSR) & MXCSR_SUPPORTED;
        int abridged = b.get(FTW) & 0xFF;
        int tag = 0;
        for (int i = 0; i < 8; i++) {
            double v = Extended80.read(b, ST + 16 * i);
            int phys = (top + i) & 7;
            s.st[phys] = v;
            int t = (abridged >>> phys & 1) == 0 ? 3 : tagOf(v);
            tag |= t << (2 * phys);
        }
        s.fpuTag = tag;
        for (int i = 0; i < 16; i++) {
            s.xmm[2 * i] = b.getLong(XMM + 16 * i);
            s.xmm[2 * i + 1] = b.getLong(XMM + 16 * i + 8);
        }
    }

    /** One bit per physical register: 1 unless its 2-bit tag is 11 (empty). */
    static int abridgedTag(int fullTag) {
        int out = 0;
        for (int i = 0; i < 8; i++) {
            if ((fullTag >>> (2 * i) & 3) != 3) {
                out |= 1 << i;
            }
        }
        return out;
    }

    /** The full tag of a non-empty register: 01 zero, 10 special (NaN, infinity, denormal), 00 valid. */
    private static int tagOf(double v) {
        if (v == 0) {
            return 1;
        }
        return Double.isNaN(v) || Double.isInfinite(v) || Math.abs(v) < Double.MIN_NORMAL ? 2 : 0;
    }
}
