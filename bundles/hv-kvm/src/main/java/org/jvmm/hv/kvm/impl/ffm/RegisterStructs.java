package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.CTypes.offset;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.KVM_DEBUGREGS;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.KVM_DTABLE;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.KVM_REGS;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.KVM_SEGMENT;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.KVM_SREGS;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.REGS_ORDER;
import static org.jvmm.hv.kvm.impl.ffm.RegisterLayouts.SEGMENT_ORDER;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.VarHandle;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;

/** Converts between the KVM register structs and hv-api's register records. */
final class RegisterStructs {
    /** kvm_regs index of each register in hv-api encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..). */
    private static final int[] ENCODING_TO_KVM = {0, 2, 3, 1, 6, 7, 4, 5, 8, 9, 10, 11, 12, 13, 14, 15};
    private static final long[] REG_OFFSETS = offsets(KVM_REGS, REGS_ORDER);
    private static final int RIP = 16;
    private static final int RFLAGS = 17;

    private static final VarHandle SEG_BASE = CTypes.handle(KVM_SEGMENT, "base");
    private static final VarHandle SEG_LIMIT = CTypes.handle(KVM_SEGMENT, "limit");
    private static final VarHandle SEG_SELECTOR = CTypes.handle(KVM_SEGMENT, "selector");
    private static final long SEG_TYPE = offset(KVM_SEGMENT, "type");
    /** The one-byte attribute members of kvm_segment besides {@code type}. */
    private static final long[] SEG_FLAGS = offsets(KVM_SEGMENT,
            new String[] {"present", "dpl", "db", "s", "l", "g", "avl", "unusable"});
    private static final VarHandle DT_BASE = CTypes.handle(KVM_DTABLE, "base");
    private static final VarHandle DT_LIMIT = CTypes.handle(KVM_DTABLE, "limit");
    private static final String[] CONTROL_ORDER = {"cr0", "cr2", "cr3", "cr4", "cr8", "efer"};

    /** XSTATE_BV: the first word of the XSAVE header, right after the 512-byte legacy area. */
    private static final long XSTATE_BV = FpuState.SIZE;
    private static final long XFEATURE_X87_SSE = 0b11;

    private RegisterStructs() {
    }

    static GeneralRegisters readRegs(MemorySegment s) {
        long[] g = new long[16];
        for (int i = 0; i < 16; i++) {
            g[i] = s.get(ValueLayout.JAVA_LONG, REG_OFFSETS[ENCODING_TO_KVM[i]]);
        }
        return GeneralRegisters.of(g, s.get(ValueLayout.JAVA_LONG, REG_OFFSETS[RIP]),
                s.get(ValueLayout.JAVA_LONG, REG_OFFSETS[RFLAGS]));
    }

    static void writeRegs(MemorySegment s, GeneralRegisters r) {
        long[] g = r.gprs();
        for (int i = 0; i < 16; i++) {
            s.set(ValueLayout.JAVA_LONG, REG_OFFSETS[ENCODING_TO_KVM[i]], g[i]);
        }
        s.set(ValueLayout.JAVA_LONG, REG_OFFSETS[RIP], r.rip());
        s.set(ValueLayout.JAVA_LONG, REG_OFFSETS[RFLAGS], r.rflags());
    }

    static SpecialRegisters readSregs(MemorySegment s) {
        Segment[] seg = new Segment[SEGMENT_ORDER.length];
        for (int i = 0; i < seg.length; i++) {
            seg[i] = readSegment(s.asSlice(offset(KVM_SREGS, SEGMENT_ORDER[i]), KVM_SEGMENT.byteSize()));
        }
        SegmentRegisters segments = new SegmentRegisters(seg[0], seg[1], seg[2], seg[3], seg[4], seg[5], seg[6],
                seg[7], readTable(s, "gdt"), readTable(s, "idt"));
        long[] c = new long[CONTROL_ORDER.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = s.get(ValueLayout.JAVA_LONG, offset(KVM_SREGS, CONTROL_ORDER[i]));
        }
        long[] bitmap = new long[4];
        for (int i = 0; i < 4; i++) {
            bitmap[i] = s.get(ValueLayout.JAVA_LONG, offset(KVM_SREGS, "interrupt_bitmap") + 8L * i);
        }
        return new SpecialRegisters(segments, new ControlRegisters(c[0], c[1], c[2], c[3], c[4], c[5]),
                s.get(ValueLayout.JAVA_LONG, offset(KVM_SREGS, "apic_base")), bitmap);
    }

    static void writeSregs(MemorySegment s, SpecialRegisters r) {
        SegmentRegisters g = r.segments();
        Segment[] seg = {g.cs(), g.ds(), g.es(), g.fs(), g.gs(), g.ss(), g.tr(), g.ldtr()};
        for (int i = 0; i < seg.length; i++) {
            writeSegment(s.asSlice(offset(KVM_SREGS, SEGMENT_ORDER[i]), KVM_SEGMENT.byteSize()), seg[i]);
        }
        writeTable(s, "gdt", g.gdtr());
        writeTable(s, "idt", g.idtr());
        ControlRegisters c = r.control();
        long[] values = {c.cr0(), c.cr2(), c.cr3(), c.cr4(), c.cr8(), c.efer()};
        for (int i = 0; i < values.length; i++) {
            s.set(ValueLayout.JAVA_LONG, offset(KVM_SREGS, CONTROL_ORDER[i]), values[i]);
        }
        s.set(ValueLayout.JAVA_LONG, offset(KVM_SREGS, "apic_base"), r.apicBase());
        long[] bitmap = r.interruptBitmap();
        for (int i = 0; i < 4; i++) {
            s.set(ValueLayout.JAVA_LONG, offset(KVM_SREGS, "interrupt_bitmap") + 8L * i, bitmap[i]);
        }
    }

    /** kvm_segment to the packed attribute form; an unusable segment reads as not present. */
    static Segment readSegment(MemorySegment s) {
        int type = s.get(ValueLayout.JAVA_BYTE, SEG_TYPE) & 0xF;
        int[] f = new int[SEG_FLAGS.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = s.get(ValueLayout.JAVA_BYTE, SEG_FLAGS[i]) & 0xFF;
        }
        boolean present = f[0] != 0 && f[7] == 0;
        int attributes = type | (f[3] & 1) << 4 | (f[1] & 3) << 5 | (present ? Segment.P : 0) | (f[6] & 1) << 8
                | (f[4] & 1) << 9 | (f[2] & 1) << 10 | (f[5] & 1) << 11;
        return new Segment(Short.toUnsignedInt((short) SEG_SELECTOR.get(s, 0L)), (long) SEG_BASE.get(s, 0L),
                (int) SEG_LIMIT.get(s, 0L), attributes);
    }

    /** The packed attribute form to kvm_segment; a segment that is not present is unusable. */
    static void writeSegment(MemorySegment s, Segment seg) {
        int a = seg.attributes();
        SEG_BASE.set(s, 0L, seg.base());
        SEG_LIMIT.set(s, 0L, seg.limit());
        SEG_SELECTOR.set(s, 0L, (short) seg.selector());
        s.set(ValueLayout.JAVA_BYTE, SEG_TYPE, (byte) (a & 0xF));
        int[] f = {a >> 7 & 1, a >> 5 & 3, a >> 10 & 1, a >> 4 & 1, a >> 9 & 1, a >> 11 & 1, a >> 8 & 1,
            seg.present() ? 0 : 1};
        for (int i = 0; i < f.length; i++) {
            s.set(ValueLayout.JAVA_BYTE, SEG_FLAGS[i], (byte) f[i]);
        }
    }

    private static TableRegister readTable(MemorySegment s, String name) {
        MemorySegment t = s.asSlice(offset(KVM_SREGS, name), KVM_DTABLE.byteSize());
        return new TableRegister((long) DT_BASE.get(t, 0L), Short.toUnsignedInt((short) DT_LIMIT.get(t, 0L)));
    }

    private static void writeTable(MemorySegment s, String name, TableRegister table) {
        MemorySegment t = s.asSlice(offset(KVM_SREGS, name), KVM_DTABLE.byteSize());
        DT_BASE.set(t, 0L, table.base());
        DT_LIMIT.set(t, 0L, (short) table.limit());
    }

    /** The FXSAVE legacy area of a kvm_xsave. */
    static FpuState readFpu(MemorySegment xsave) {
        return new FpuState(xsave.asSlice(0, FpuState.SIZE).toArray(ValueLayout.JAVA_BYTE));
    }

    /**
     * Puts {@code state} into the legacy area of a kvm_xsave read from KVM and marks x87 and SSE as
     * present in XSTATE_BV, so that KVM_SET_XSAVE loads them rather than their initial values.
     */
    static void writeFpu(MemorySegment xsave, FpuState state) {
        MemorySegment.copy(MemorySegment.ofArray(state.fxsave()), 0, xsave, 0, FpuState.SIZE);
        xsave.set(ValueLayout.JAVA_LONG, XSTATE_BV, xsave.get(ValueLayout.JAVA_LONG, XSTATE_BV) | XFEATURE_X87_SSE);
    }

    static DebugRegisters readDebugRegs(MemorySegment s) {
        long db = offset(KVM_DEBUGREGS, "db");
        return new DebugRegisters(s.get(ValueLayout.JAVA_LONG, db), s.get(ValueLayout.JAVA_LONG, db + 8),
                s.get(ValueLayout.JAVA_LONG, db + 16), s.get(ValueLayout.JAVA_LONG, db + 24),
                s.get(ValueLayout.JAVA_LONG, offset(KVM_DEBUGREGS, "dr6")),
                s.get(ValueLayout.JAVA_LONG, offset(KVM_DEBUGREGS, "dr7")));
    }

    static void writeDebugRegs(MemorySegment s, DebugRegisters r) {
        long db = offset(KVM_DEBUGREGS, "db");
        s.fill((byte) 0);
        s.set(ValueLayout.JAVA_LONG, db, r.dr0());
        s.set(ValueLayout.JAVA_LONG, db + 8, r.dr1());
        s.set(ValueLayout.JAVA_LONG, db + 16, r.dr2());
        s.set(ValueLayout.JAVA_LONG, db + 24, r.dr3());
        s.set(ValueLayout.JAVA_LONG, offset(KVM_DEBUGREGS, "dr6"), r.dr6());
        s.set(ValueLayout.JAVA_LONG, offset(KVM_DEBUGREGS, "dr7"), r.dr7());
    }

    private static long[] offsets(java.lang.foreign.MemoryLayout layout, String[] names) {
        long[] o = new long[names.length];
        for (int i = 0; i < names.length; i++) {
            o[i] = offset(layout, names[i]);
        }
        return o;
    }
}
