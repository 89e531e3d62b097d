package org.jvmm.hv.emu.impl.vp;

import static org.jvmm.hv.emu.impl.cpu.CpuState.CS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.DS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.ES;
import static org.jvmm.hv.emu.impl.cpu.CpuState.FS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.GS;
import static org.jvmm.hv.emu.impl.cpu.CpuState.SS;

import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.emu.impl.cpu.CpuState;

/**
 * hv-api register records to and from {@link CpuState}. Segment attributes: hv-api packs the
 * descriptor's access bits in 12 bits (type 3:0, S 4, DPL 6:5, P 7, AVL 8, L 9, D/B 10, G 11), the
 * CPU keeps the VMX access-rights layout (the same low byte; AVL 12, L 13, D/B 14, G 15, unusable 16).
 * As KVM does, a segment that is not present is unusable and an unusable one reads as not present.
 */
final class RegisterCodec {
    private RegisterCodec() {
    }

    /** VMX access rights to the 12-bit packed form. */
    static int toPacked(int vmx) {
        int packed = (vmx & 0xFF) | (vmx >>> 4) & 0xF00;
        return (vmx & CpuState.A_UNUSABLE) != 0 ? packed & ~Segment.P : packed;
    }

    /** The 12-bit packed form to VMX access rights. */
    static int toVmx(int packed) {
        int vmx = (packed & 0xFF) | (packed & 0xF00) << 4;
        return (packed & Segment.P) == 0 ? vmx | CpuState.A_UNUSABLE : vmx;
    }

    static GeneralRegisters general(CpuState s) {
        return GeneralRegisters.of(s.r.clone(), s.rip, s.rflags());
    }

    static void setGeneral(CpuState s, GeneralRegisters g) {
        System.arraycopy(g.gprs(), 0, s.r, 0, 16);
        s.rip = g.rip();
        s.setRflags(g.rflags());
    }

    static SegmentRegisters segments(CpuState s) {
        return new SegmentRegisters(seg(s, CS), seg(s, DS), seg(s, ES), seg(s, FS), seg(s, GS), seg(s, SS),
                new Segment(s.trSel, s.trBase, s.trLimit, toPacked(s.trAttr)),
                new Segment(s.ldtrSel, s.ldtrBase, s.ldtrLimit, toPacked(s.ldtrAttr)),
                new TableRegister(s.gdtrBase, s.gdtrLimit), new TableRegister(s.idtrBase, s.idtrLimit));
    }

    static void setSegments(CpuState s, SegmentRegisters r) {
        setSeg(s, CS, r.cs());
        setSeg(s, DS, r.ds());
        setSeg(s, ES, r.es());
        setSeg(s, FS, r.fs());
        setSeg(s, GS, r.gs());
        setSeg(s, SS, r.ss());
        s.trSel = r.tr().selector() & 0xFFFF;
        s.trBase = r.tr().base();
        s.trLimit = r.tr().limit();
        s.trAttr = toVmx(r.tr().attributes());
        s.ldtrSel = r.ldtr().selector() & 0xFFFF;
        s.ldtrBase = r.ldtr().base();
        s.ldtrLimit = r.ldtr().limit();
        s.ldtrAttr = toVmx(r.ldtr().attributes());
        s.gdtrBase = r.gdtr().base();
        s.gdtrLimit = r.gdtr().limit();
        s.idtrBase = r.idtr().base();
        s.idtrLimit = r.idtr().limit();
    }

    static ControlRegisters control(CpuState s, int cr8) {
        return new ControlRegisters(s.cr0, s.cr2, s.cr3, s.cr4, cr8, s.efer);
    }

    /** CR0, CR2, CR3, CR4 and EFER as given (CR8 belongs to the APIC). */
    static void setControl(CpuState s, ControlRegisters c) {
        s.cr0 = c.cr0() | CpuState.CR0_ET;
        s.cr2 = c.cr2();
        s.cr3 = c.cr3();
        s.cr4 = c.cr4();
        s.cr8 = c.cr8() & 0xF;
        s.efer = c.efer();
    }

    static DebugRegisters debug(CpuState s) {
        return new DebugRegisters(s.dr[0], s.dr[1], s.dr[2], s.dr[3], s.dr[6], s.dr[7]);
    }

    static void setDebug(CpuState s, DebugRegisters d) {
        s.dr[0] = d.dr0();
        s.dr[1] = d.dr1();
        s.dr[2] = d.dr2();
        s.dr[3] = d.dr3();
        s.dr[6] = d.dr6();
        s.dr[7] = d.dr7();
    }

    private static Segment seg(CpuState s, int i) {
        return new Segment(s.segSel[i], s.segBase[i], s.segLimit[i], toPacked(s.segAttr[i]));
    }

    private static void setSeg(CpuState s, int i, Segment g) {
        s.segSel[i] = g.selector() & 0xFFFF;
        s.segBase[i] = g.base();
        s.segLimit[i] = g.limit();
        s.segAttr[i] = toVmx(g.attributes());
    }
}
