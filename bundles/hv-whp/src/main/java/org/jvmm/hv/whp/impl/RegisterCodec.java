package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.whp.impl.ffm.SegmentBits;

/**
 * hv-api register records to and from {@code WHV_REGISTER_VALUE}s, each held as two longs (low and
 * high 64 bits) in the order of a name list below.
 */
final class RegisterCodec {
    /** RAX..R15 (encoding order, as {@link GeneralRegisters#gprs()}), then RIP and RFLAGS. */
    static final int[] GENERAL = range(WHvX64RegisterRax, 16, WHvX64RegisterRip, WHvX64RegisterRflags);
    static final int[] SEGMENTS = {WHvX64RegisterCs, WHvX64RegisterDs, WHvX64RegisterEs, WHvX64RegisterFs,
        WHvX64RegisterGs, WHvX64RegisterSs, WHvX64RegisterTr, WHvX64RegisterLdtr, WHvX64RegisterGdtr,
        WHvX64RegisterIdtr};
    static final int[] CONTROL = {WHvX64RegisterCr0, WHvX64RegisterCr2, WHvX64RegisterCr3, WHvX64RegisterCr4,
        WHvX64RegisterCr8, WHvX64RegisterEfer};
    static final int[] DEBUG = {WHvX64RegisterDr0, WHvX64RegisterDr1, WHvX64RegisterDr2, WHvX64RegisterDr3,
        WHvX64RegisterDr6, WHvX64RegisterDr7};
    /**
     * The FXSAVE image in WHP registers: the two control/status registers are FXSAVE bytes 0-15 and 16-31
     * verbatim, then ST0-7 (FpMmx0-7) from byte 32 and XMM0-15 from byte 160, 16 bytes each; bytes
     * 416-511 (reserved, or free for software) are not processor state and read back as zero.
     */
    static final int[] FPU = fpuNames();

    private RegisterCodec() {
    }

    static GeneralRegisters general(long[] v) {
        long[] g = new long[16];
        for (int i = 0; i < 16; i++) {
            g[i] = v[2 * i];
        }
        return GeneralRegisters.of(g, v[32], v[34]);
    }

    static long[] general(GeneralRegisters r) {
        long[] v = new long[2 * GENERAL.length];
        long[] g = r.gprs();
        for (int i = 0; i < 16; i++) {
            v[2 * i] = g[i];
        }
        v[32] = r.rip();
        v[34] = r.rflags();
        return v;
    }

    static SegmentRegisters segments(long[] v) {
        return new SegmentRegisters(segment(v, 0), segment(v, 1), segment(v, 2), segment(v, 3), segment(v, 4),
                segment(v, 5), segment(v, 6), segment(v, 7), table(v, 8), table(v, 9));
    }

    static long[] segments(SegmentRegisters s) {
        long[] v = new long[2 * SEGMENTS.length];
        Segment[] segs = {s.cs(), s.ds(), s.es(), s.fs(), s.gs(), s.ss(), s.tr(), s.ldtr()};
        for (int i = 0; i < segs.length; i++) {
            putSegment(v, i, segs[i]);
        }
        putTable(v, 8, s.gdtr());
        putTable(v, 9, s.idtr());
        return v;
    }

    /** A {@code WHV_X64_SEGMENT_REGISTER} at value slot {@code i}: Base, then Limit, Selector, Attributes. */
    static Segment segment(long[] v, int i) {
        long hi = v[2 * i + 1];
        return new Segment((int) (hi >>> 32) & 0xFFFF, v[2 * i], (int) hi, SegmentBits.toApi((int) (hi >>> 48) & 0xFFFF));
    }

    static void putSegment(long[] v, int i, Segment s) {
        v[2 * i] = s.base();
        v[2 * i + 1] = (s.limit() & 0xFFFF_FFFFL) | (long) (s.selector() & 0xFFFF) << 32
                | (long) (SegmentBits.toWhp(s.attributes()) & 0xFFFF) << 48;
    }

    /** A {@code WHV_X64_TABLE_REGISTER}: three padding words, Limit at byte 6, Base at byte 8. */
    static TableRegister table(long[] v, int i) {
        return new TableRegister(v[2 * i + 1], (int) (v[2 * i] >>> 48) & 0xFFFF);
    }

    static void putTable(long[] v, int i, TableRegister t) {
        v[2 * i] = (long) (t.limit() & 0xFFFF) << 48;
        v[2 * i + 1] = t.base();
    }

    static ControlRegisters control(long[] v) {
        return new ControlRegisters(v[0], v[2], v[4], v[6], v[8], v[10]);
    }

    static long[] control(ControlRegisters c) {
        return lows(c.cr0(), c.cr2(), c.cr3(), c.cr4(), c.cr8(), c.efer());
    }

    static DebugRegisters debug(long[] v) {
        return new DebugRegisters(v[0], v[2], v[4], v[6], v[8], v[10]);
    }

    static long[] debug(DebugRegisters d) {
        return lows(d.dr0(), d.dr1(), d.dr2(), d.dr3(), d.dr6(), d.dr7());
    }

    static FpuState fpu(long[] v) {
        byte[] image = new byte[FpuState.SIZE];
        for (int slot = 0; slot < FPU.length; slot++) {
            int at = fxsaveOffset(slot);
            putLong(image, at, v[2 * slot]);
            putLong(image, at + 8, v[2 * slot + 1]);
        }
        return new FpuState(image);
    }

    static long[] fpu(FpuState state) {
        byte[] image = state.fxsave();
        long[] v = new long[2 * FPU.length];
        for (int slot = 0; slot < FPU.length; slot++) {
            int at = fxsaveOffset(slot);
            v[2 * slot] = getLong(image, at);
            v[2 * slot + 1] = getLong(image, at + 8);
        }
        return v;
    }

    /** Where value slot {@code slot} of {@link #FPU} sits in the FXSAVE image. */
    private static int fxsaveOffset(int slot) {
        return slot < 2 ? 16 * slot : slot < 10 ? 32 + 16 * (slot - 2) : 160 + 16 * (slot - 10);
    }

    private static int[] fpuNames() {
        int[] names = new int[2 + 8 + 16];
        names[0] = WHvX64RegisterFpControlStatus;
        names[1] = WHvX64RegisterXmmControlStatus;
        for (int i = 0; i < 8; i++) {
            names[2 + i] = WHvX64RegisterFpMmx0 + i;
        }
        for (int i = 0; i < 16; i++) {
            names[10 + i] = WHvX64RegisterXmm0 + i;
        }
        return names;
    }

    private static int[] range(int first, int count, int... more) {
        int[] names = new int[count + more.length];
        for (int i = 0; i < count; i++) {
            names[i] = first + i;
        }
        System.arraycopy(more, 0, names, count, more.length);
        return names;
    }

    /** Values with only the low 64 bits used. */
    static long[] lows(long... values) {
        long[] v = new long[2 * values.length];
        for (int i = 0; i < values.length; i++) {
            v[2 * i] = values[i];
        }
        return v;
    }

    private static long getLong(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    private static void putLong(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
