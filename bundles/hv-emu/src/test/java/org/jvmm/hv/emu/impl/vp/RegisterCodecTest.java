package org.jvmm.hv.emu.impl.vp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.hv.api.Segment;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.junit.jupiter.api.Test;

class RegisterCodecTest {
    @Test
    void packedAttributesMapToTheVmxLayout() {
        int code64 = Segment.code64(8).attributes();
        assertEquals(0xB | CpuState.A_S | CpuState.A_P | CpuState.A_L | CpuState.A_G, RegisterCodec.toVmx(code64));
        assertEquals(code64, RegisterCodec.toPacked(RegisterCodec.toVmx(code64)));
        int avlDb = 0x93 | 1 << 8 | Segment.DB;
        assertEquals(0x93 | 0x1000 | CpuState.A_DB, RegisterCodec.toVmx(avlDb));
    }

    @Test
    void notPresentMeansUnusable() {
        assertEquals(CpuState.A_UNUSABLE, RegisterCodec.toVmx(0));
        assertEquals(0x13, RegisterCodec.toPacked(0x93 | CpuState.A_UNUSABLE));
    }

    @Test
    void theDescriptorGetsTheSameAttributesEitherWay() {
        long descriptor = 0x00CF_F300_0000_FFFFL; // flat data, DPL 3
        int vmx = (int) (descriptor >>> 40 & 0xFF) | (int) (descriptor >>> 40 & 0xF000);
        assertEquals(0xF3 | Segment.DB | Segment.G, RegisterCodec.toPacked(vmx));
    }
}
