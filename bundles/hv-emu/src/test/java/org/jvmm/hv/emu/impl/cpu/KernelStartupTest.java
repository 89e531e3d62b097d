package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Sequences from the Linux kernel's early start-up code that once failed under hv-emu. */
class KernelStartupTest extends AsmTestBase {

    @Test
    void lretqAfterLoadingNullDataAndStackSegments() {
        // head_64.S: null DS/SS/ES/FS/GS, zero EFLAGS, then push __KERNEL_CS and the target, lretq.
        // The kernel's GDT lives at a negative (upper-half) address: alias it there.
        TestMachine m = new TestMachine().long64();
        m.put64(TestMachine.PML4 + 511 * 8, 0x11000 | 7);
        m.s.gdtrBase = 0xFFFF_FF80_0000_0000L + TestMachine.GDT;
        m.run("""
                xor eax, eax
                mov ds, eax
                mov ss, eax
                mov es, eax
                mov fs, eax
                mov gs, eax
                push 0
                popfq
                lea rax, [target]
                push 0x10
                push rax
                rex.w retf
            target:
                mov rbx, cs
                mov rcx, rsp
            """);
        assertEquals(TestMachine.CS64, m.reg(RBX));
        assertEquals(TestMachine.STACK_TOP, m.reg(RCX));
    }
}
