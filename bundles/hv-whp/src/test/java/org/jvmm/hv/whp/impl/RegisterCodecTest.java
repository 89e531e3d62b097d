package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.whp.impl.ffm.RegisterNames;
import org.jvmm.hv.whp.impl.ffm.WhpLayouts;
import org.junit.jupiter.api.Test;

class RegisterCodecTest {
    @Test
    void generalRegistersInEncodingOrder() {
        long[] g = new long[16];
        for (int i = 0; i < 16; i++) {
            g[i] = 0x100 + i;
        }
        GeneralRegisters r = GeneralRegisters.of(g, 0xFFF0, 0x202);
        long[] v = RegisterCodec.general(r);
        assertEquals(0x103, v[2 * 3], "RBX is encoding 3");
        assertEquals(RegisterNames.WHvX64RegisterRbx, RegisterCodec.GENERAL[3]);
        assertEquals(0xFFF0, v[32]);
        assertEquals(r, RegisterCodec.general(v));
    }

    @Test
    void segmentValueLayout() {
        long[] v = new long[2];
        RegisterCodec.putSegment(v, 0, Segment.code64(0x10));
        assertEquals(0, v[0]);
        assertEquals(0xFFFF_FFFFL | 0x10L << 32 | (long) (0x9B | 1 << 13 | 1 << 15) << 48, v[1]);
        assertEquals(Segment.code64(0x10), RegisterCodec.segment(v, 0));
        assertEquals(WhpLayouts.offset(WhpLayouts.SEGMENT, "Selector"), 12, "hi word: limit, selector, attributes");
    }

    @Test
    void tableValueLayout() {
        long[] v = new long[2];
        RegisterCodec.putTable(v, 0, new TableRegister(0x9000, 0x27));
        assertEquals(0x27L << 48, v[0]);
        assertEquals(0x9000, v[1]);
        assertEquals(6, WhpLayouts.offset(WhpLayouts.TABLE, "Limit"));
        assertEquals(new TableRegister(0x9000, 0x27), RegisterCodec.table(v, 0));
    }

    @Test
    void segmentRegistersRoundTrip() {
        SegmentRegisters s = PowerOnState.segments();
        assertEquals(s, RegisterCodec.segments(RegisterCodec.segments(s)));
    }

    @Test
    void controlAndDebugRoundTrip() {
        ControlRegisters c = new ControlRegisters(0x8000_0011L, 0x1234, 0x9000, 0x20, 0x3, 0x500);
        assertEquals(c, RegisterCodec.control(RegisterCodec.control(c)));
        assertEquals(DebugRegisters.RESET, RegisterCodec.debug(RegisterCodec.debug(DebugRegisters.RESET)));
    }

    @Test
    void fpuStateMapsFxsaveBytes() {
        byte[] image = new byte[FpuState.SIZE];
        for (int i = 0; i < 416; i++) {
            image[i] = (byte) (i * 7);
        }
        long[] v = RegisterCodec.fpu(new FpuState(image));
        assertEquals(RegisterNames.WHvX64RegisterFpControlStatus, RegisterCodec.FPU[0]);
        assertEquals(le(image, 0), v[0], "FCW, FSW, FTW, FOP");
        assertEquals(le(image, 24), v[3], "MXCSR and its mask: the high half of XmmControlStatus");
        assertEquals(RegisterNames.WHvX64RegisterFpMmx0, RegisterCodec.FPU[2]);
        assertEquals(le(image, 32), v[4], "ST0");
        assertEquals(RegisterNames.WHvX64RegisterXmm0 + 15, RegisterCodec.FPU[25]);
        assertEquals(le(image, 160 + 15 * 16 + 8), v[51], "XMM15 high half");
        assertArrayEquals(image, RegisterCodec.fpu(v).fxsave(), "bytes 416-511 are not processor state");
    }

    private static long le(byte[] b, int at) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = v << 8 | (b[at + i] & 0xFF);
        }
        return v;
    }

    @Test
    void fpuControlRegistersHaveTheFxsaveLayout() {
        assertEquals(2, WhpLayouts.offset(WhpLayouts.FP_CONTROL_STATUS, "FpStatus"));
        assertEquals(4, WhpLayouts.offset(WhpLayouts.FP_CONTROL_STATUS, "FpTag"));
        assertEquals(6, WhpLayouts.offset(WhpLayouts.FP_CONTROL_STATUS, "LastFpOp"));
        assertEquals(8, WhpLayouts.offset(WhpLayouts.FP_CONTROL_STATUS, "LastFpRip"));
        assertEquals(24 - 16, WhpLayouts.offset(WhpLayouts.XMM_CONTROL_STATUS, "XmmStatusControl"));
        assertEquals(28 - 16, WhpLayouts.offset(WhpLayouts.XMM_CONTROL_STATUS, "XmmStatusControlMask"));
    }
}
