package org.jvmm.hv.kvm.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.junit.jupiter.api.Test;

/** The struct conversions, byte by byte, without KVM. */
class RegisterStructsTest {
    @Test
    void kvmRegsOrderDiffersFromTheEncodingOrder() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_REGS);
            long[] g = new long[16];
            for (int i = 0; i < 16; i++) {
                g[i] = 100 + i;
            }
            RegisterStructs.writeRegs(s, GeneralRegisters.of(g, 0x1234, 0x202));
            assertEquals(100, s.get(ValueLayout.JAVA_LONG, 0), "rax first");
            assertEquals(103, s.get(ValueLayout.JAVA_LONG, 8), "then rbx (encoding index 3)");
            assertEquals(101, s.get(ValueLayout.JAVA_LONG, 16), "then rcx");
            assertEquals(104, s.get(ValueLayout.JAVA_LONG, 48), "rsp at 48");
            assertEquals(0x1234, s.get(ValueLayout.JAVA_LONG, 128));
            assertEquals(GeneralRegisters.of(g, 0x1234, 0x202), RegisterStructs.readRegs(s));
        }
    }

    @Test
    void segmentAttributesMapToKvmFieldsAndAbsentMeansUnusable() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_SEGMENT);
            Segment code = new Segment(0x10, 0xABC000, 0xFFFFF, 0xB | Segment.S | (3 << 5) | Segment.P | 1 << 8
                    | Segment.L | Segment.G);
            RegisterStructs.writeSegment(s, code);
            byte[] b = s.toArray(ValueLayout.JAVA_BYTE);
            assertEquals(0xB, b[14], "type");
            assertEquals(1, b[15], "present");
            assertEquals(3, b[16], "dpl");
            assertEquals(0, b[17], "db");
            assertEquals(1, b[18], "s");
            assertEquals(1, b[19], "l");
            assertEquals(1, b[20], "g");
            assertEquals(1, b[21], "avl");
            assertEquals(0, b[22], "usable");
            assertEquals(code, RegisterStructs.readSegment(s));
            RegisterStructs.writeSegment(s, new Segment(0, 0, 0, 0));
            assertEquals(1, s.get(ValueLayout.JAVA_BYTE, 22), "a segment that is not present is unusable");
        }
    }

    @Test
    void sregsRoundTrip() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_SREGS);
            Segment d = Segment.data(0x18);
            SpecialRegisters r = new SpecialRegisters(new SegmentRegisters(Segment.code64(8), d, d, d, d, d,
                    new Segment(0x20, 0x1000, 0x67, 0xB | Segment.P), new Segment(0, 0, 0, 0),
                    new TableRegister(0x5000, 0x27), new TableRegister(0x6000, 0xFFF)),
                    new ControlRegisters(0x80050033L, 0x1234, 0x9000, 0x6A0, 2, 0xD01), 0xFEE00900L,
                    new long[] {0, 1L << 33, 0, 0});
            RegisterStructs.writeSregs(s, r);
            SpecialRegisters back = RegisterStructs.readSregs(s);
            assertEquals(r.segments(), back.segments());
            assertEquals(r.control(), back.control());
            assertEquals(r.apicBase(), back.apicBase());
            assertEquals(1L << 33, back.interruptBitmap()[1]);
        }
    }
}
