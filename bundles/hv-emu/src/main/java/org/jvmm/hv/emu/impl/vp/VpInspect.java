package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.CpuState;
import org.jvmm.hv.emu.impl.cpu.Flags;
import org.jvmm.hv.emu.impl.cpu.PhysicalMemory;
import org.jvmm.inspect.InspectNode;

/**
 * The inspect view of one emulated processor. Read from another thread while the VP runs, so the
 * values are a racy snapshot; good enough to see where a guest is.
 */
final class VpInspect {
    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private VpInspect() {
    }

    /** real, v8086, protected, long (64-bit) or compat (long mode, 32/16-bit code). */
    static String mode(CpuState s) {
        if (!s.isProtected()) {
            return "real";
        }
        if ((s.flags & Flags.VM) != 0) {
            return "v8086";
        }
        if (s.isLongMode()) {
            return s.long64 ? "long" : "compat";
        }
        return "protected";
    }

    static void describe(InspectNode node, Cpu cpu, PhysicalMemory memory) {
        CpuState s = cpu.s;
        node.field("mode", mode(s))
                .hex("rip", s.rip)
                .field("csRip", "%04x:%x".formatted(s.segSel[CpuState.CS], s.rip))
                .field("cpl", s.cpl)
                .hex("rflags", s.rflags())
                .hex("cr0", s.cr0)
                .hex("cr2", s.cr2)
                .hex("cr3", s.cr3)
                .hex("cr4", s.cr4)
                .hex("efer", s.efer)
                .field("instructionsRetired", cpu.retired())
                .field("halted", s.halted)
                .field("codeAtRip", CodePeek.bytesAtRip(s, memory, 15));
        InspectNode gpr = node.child("gpr");
        for (int i = 0; i < 16; i++) {
            gpr.hex(GPR[i], s.r[i]);
        }
        InspectNode seg = node.child("segments");
        String[] names = {"es", "cs", "ss", "ds", "fs", "gs"};
        for (int i = 0; i < 6; i++) {
            seg.field(names[i], "%04x base=%x limit=%x attr=%x".formatted(s.segSel[i], s.segBase[i],
                    s.segLimit[i], RegisterCodec.toPacked(s.segAttr[i])));
        }
    }
}
