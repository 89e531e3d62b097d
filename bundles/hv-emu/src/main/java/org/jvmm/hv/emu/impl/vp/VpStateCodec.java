package org.jvmm.hv.emu.impl.vp;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * The whole {@link CpuState} as bytes, field by field, including what the register records leave out
 * (lazy flags, pending exception, interrupt shadow, halted, hidden segment parts, MSRs, raw x87
 * doubles), so that a restored processor continues at the same instruction with the same flags.
 * Mode fields (CPL, code and stack size) are recomputed on restore. This is the first part of a VP's
 * snapshot (all of version 1); {@link VpSnapshot} adds the rest.
 */
final class VpStateCodec {
    private VpStateCodec() {
    }

    static void write(DataOutputStream out, CpuState s) throws IOException {
        longs(out, s.r);
        longs(out, s.rip, s.flags, s.lfRes, s.lfA, s.lfB, s.lfAux, s.lf2Res, s.lf2A, s.lf2B, s.lf2Aux);
        ints(out, s.lfOp, s.lf2Op);
        ints(out, s.segSel);
        longs(out, s.segBase);
        ints(out, s.segLimit);
        ints(out, s.segAttr);
        ints(out, s.ldtrSel, s.ldtrLimit, s.ldtrAttr, s.trSel, s.trLimit, s.trAttr, s.gdtrLimit, s.idtrLimit);
        longs(out, s.ldtrBase, s.trBase, s.gdtrBase, s.idtrBase);
        longs(out, s.cr0, s.cr2, s.cr3, s.cr4, s.cr8, s.efer, s.xcr0);
        longs(out, s.dr);
        ints(out, s.pending, s.excVector, s.excCode);
        out.writeBoolean(s.excHasCode);
        out.writeBoolean(s.excSoftware);
        out.writeBoolean(s.shadow);
        out.writeBoolean(s.halted);
        longs(out, s.star, s.lstar, s.cstar, s.sfmask, s.kernelGsBase, s.tscAux, s.tscOffset);
        longs(out, s.sysenterCs, s.sysenterEsp, s.sysenterEip, s.apicBase, s.pat, s.miscEnable, s.mtrrDefType);
        longs(out, s.mtrrVar);
        longs(out, s.mtrrFixed);
        longs(out, s.xmm);
        out.writeInt(s.mxcsr);
        for (double d : s.st) {
            out.writeLong(Double.doubleToRawLongBits(d));
        }
        ints(out, s.fpuTop, s.fpuControl, s.fpuStatus, s.fpuTag);
    }

    /** Reads what {@link #write} wrote into {@code s}; a short image is an {@link IOException} and may leave {@code s} partly written. */
    static void read(DataInputStream in, CpuState s) throws IOException {
        readLongs(in, s.r);
        s.rip = in.readLong();
        s.flags = in.readLong();
        s.lfRes = in.readLong();
        s.lfA = in.readLong();
        s.lfB = in.readLong();
        s.lfAux = in.readLong();
        s.lf2Res = in.readLong();
        s.lf2A = in.readLong();
        s.lf2B = in.readLong();
        s.lf2Aux = in.readLong();
        s.lfOp = in.readInt();
        s.lf2Op = in.readInt();
        readInts(in, s.segSel);
        readLongs(in, s.segBase);
        readInts(in, s.segLimit);
        readInts(in, s.segAttr);
        s.ldtrSel = in.readInt();
        s.ldtrLimit = in.readInt();
        s.ldtrAttr = in.readInt();
        s.trSel = in.readInt();
        s.trLimit = in.readInt();
        s.trAttr = in.readInt();
        s.gdtrLimit = in.readInt();
        s.idtrLimit = in.readInt();
        s.ldtrBase = in.readLong();
        s.trBase = in.readLong();
        s.gdtrBase = in.readLong();
        s.idtrBase = in.readLong();
        s.cr0 = in.readLong();
        s.cr2 = in.readLong();
        s.cr3 = in.readLong();
        s.cr4 = in.readLong();
        s.cr8 = in.readLong();
        s.efer = in.readLong();
        s.xcr0 = in.readLong();
        readLongs(in, s.dr);
        s.pending = in.readInt();
        s.excVector = in.readInt();
        s.excCode = in.readInt();
        s.excHasCode = in.readBoolean();
        s.excSoftware = in.readBoolean();
        s.shadow = in.readBoolean();
        s.halted = in.readBoolean();
        restoreMsrs(in, s);
        readLongs(in, s.xmm);
        s.mxcsr = in.readInt();
        for (int i = 0; i < s.st.length; i++) {
            s.st[i] = Double.longBitsToDouble(in.readLong());
        }
        s.fpuTop = in.readInt();
        s.fpuControl = in.readInt();
        s.fpuStatus = in.readInt();
        s.fpuTag = in.readInt();
        s.updateMode();
    }

    private static void restoreMsrs(DataInputStream in, CpuState s) throws IOException {
        s.star = in.readLong();
        s.lstar = in.readLong();
        s.cstar = in.readLong();
        s.sfmask = in.readLong();
        s.kernelGsBase = in.readLong();
        s.tscAux = in.readLong();
        s.tscOffset = in.readLong();
        s.sysenterCs = in.readLong();
        s.sysenterEsp = in.readLong();
        s.sysenterEip = in.readLong();
        s.apicBase = in.readLong();
        s.pat = in.readLong();
        s.miscEnable = in.readLong();
        s.mtrrDefType = in.readLong();
        readLongs(in, s.mtrrVar);
        readLongs(in, s.mtrrFixed);
    }

    private static void longs(DataOutputStream out, long... values) throws IOException {
        for (long v : values) {
            out.writeLong(v);
        }
    }

    private static void ints(DataOutputStream out, int... values) throws IOException {
        for (int v : values) {
            out.writeInt(v);
        }
    }

    private static void readLongs(DataInputStream in, long[] into) throws IOException {
        for (int i = 0; i < into.length; i++) {
            into[i] = in.readLong();
        }
    }

    private static void readInts(DataInputStream in, int[] into) throws IOException {
        for (int i = 0; i < into.length; i++) {
            into[i] = in.readInt();
        }
    }
}
