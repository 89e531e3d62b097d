package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvX64RegisterFs;
import static org.jvmm.hv.whp.impl.ffm.RegisterNames.WHvX64RegisterGs;

import java.util.OptionalInt;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.X86Msr;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * A processor's architectural state as hv-api records, read and written through
 * {@code WHvGet/SetVirtualProcessorRegisters}; MSRs through the registers WHP has for them.
 */
final class VpState {
    private final VpCalls calls;
    private final WhpVp.DebugListener debug;

    VpState(VpCalls calls, WhpVp.DebugListener debug) {
        this.calls = calls;
        this.debug = debug;
    }

    /** A register call the VirtualProcessor interface cannot declare: its failure becomes unchecked. */
    @FunctionalInterface
    interface Access {
        void run() throws WhpException;
    }

    void unchecked(Access access) {
        try {
            access.run();
        } catch (WhpException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private long[] get(int[] names) {
        long[] v = new long[2 * names.length];
        unchecked(() -> calls.getRegisters(names, v));
        return v;
    }

    GeneralRegisters general() {
        return RegisterCodec.general(get(RegisterCodec.GENERAL));
    }

    void setGeneral(GeneralRegisters r) throws WhpException {
        calls.setRegisters(RegisterCodec.GENERAL, RegisterCodec.general(r));
    }

    SegmentRegisters segments() {
        return RegisterCodec.segments(get(RegisterCodec.SEGMENTS));
    }

    void setSegments(SegmentRegisters r) throws WhpException {
        calls.setRegisters(RegisterCodec.SEGMENTS, RegisterCodec.segments(r));
    }

    ControlRegisters control() {
        return RegisterCodec.control(get(RegisterCodec.CONTROL));
    }

    void setControl(ControlRegisters r) throws WhpException {
        calls.setRegisters(RegisterCodec.CONTROL, RegisterCodec.control(r));
    }

    DebugRegisters debug() {
        return RegisterCodec.debug(get(RegisterCodec.DEBUG));
    }

    void setDebug(DebugRegisters r) throws WhpException {
        calls.setRegisters(RegisterCodec.DEBUG, RegisterCodec.debug(r));
        debug.debugRegistersSet(calls.index(), r.dr7());
    }

    FpuState fpu() {
        return RegisterCodec.fpu(get(RegisterCodec.FPU));
    }

    void setFpu(FpuState state) throws WhpException {
        calls.setRegisters(RegisterCodec.FPU, RegisterCodec.fpu(state));
    }

    long readMsr(int msr) throws HypervisorException {
        if (msr == X86Msr.FS_BASE || msr == X86Msr.GS_BASE) {
            long[] v = new long[2];
            calls.getRegisters(new int[] {segmentOf(msr)}, v);
            return v[0];
        }
        int[] name = {msrName(msr)};
        long[] v = new long[2];
        calls.getRegisters(name, v);
        return v[0];
    }

    void writeMsr(int msr, long value) throws HypervisorException {
        if (msr == X86Msr.FS_BASE || msr == X86Msr.GS_BASE) {
            int[] name = {segmentOf(msr)};
            long[] v = new long[2];
            calls.getRegisters(name, v);
            Segment s = RegisterCodec.segment(v, 0);
            RegisterCodec.putSegment(v, 0, new Segment(s.selector(), value, s.limit(), s.attributes()));
            calls.setRegisters(name, v);
            return;
        }
        calls.setRegisters(new int[] {msrName(msr)}, RegisterCodec.lows(value));
    }

    private static int segmentOf(int msr) {
        return msr == X86Msr.FS_BASE ? WHvX64RegisterFs : WHvX64RegisterGs;
    }

    private static int msrName(int msr) throws HypervisorException {
        OptionalInt name = MsrRegisters.name(msr);
        if (name.isEmpty()) {
            throw new HypervisorException("MSR 0x" + Integer.toHexString(msr)
                    + ": hv-whp has no WHP register for it");
        }
        return name.getAsInt();
    }
}
