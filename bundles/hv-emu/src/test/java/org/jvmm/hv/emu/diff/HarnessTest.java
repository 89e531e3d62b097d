package org.jvmm.hv.emu.diff;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.ValueLayout;
import java.util.SplittableRandom;
import org.jvmm.hv.emu.diff.Opnd.Reg;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Checks the harness itself: the trampoline really runs code natively, and differences are caught. */
class HarnessTest {

    private static NativeRunner host;
    private static EmuRunner emu;

    @BeforeAll
    static void open() {
        assumeTrue(NativeRunner.supported(), "needs Linux on x86-64");
        host = NativeRunner.open();
        emu = new EmuRunner(host.layout());
    }

    @AfterAll
    static void close() {
        if (host != null) {
            host.close();
        }
    }

    private static Gen gen() {
        return new Gen(new SplittableRandom(7), host.layout(), new byte[Layout.SCRATCH_SIZE]);
    }

    @Test
    void nativeRunLoadsAndStoresRegistersFlagsXmmAndMemory() {
        Gen g = gen();
        g.set(0, 0x7FFF_FFFF_FFFF_FFFFL);
        g.set(3, 1);
        g.in.flags = 2 | Fl.CF;
        g.in.xmm[2] = 0x1234;
        g.in.xmm[3] = 0x5678;
        g.set(6, host.layout().scratch() + 0x400);
        // add rax, rbx; movdqa xmm0, xmm1; mov [rsi], rax; push rbx
        g.emit(0x48, 0x01, 0xD8).emit(0x66, 0x0F, 0x6F, 0xC1).emit(0x48, 0x89, 0x06).emit(0x53);
        Case c = g.build("smoke");
        State out = host.run(c);
        assertEquals(Long.MIN_VALUE, out.gpr[0]);
        assertEquals(Fl.OF | Fl.SF, out.flags & (Fl.OF | Fl.SF | Fl.CF | Fl.ZF));
        assertEquals(0x1234, out.xmm[0]);
        assertEquals(0x5678, out.xmm[1]);
        assertEquals(Long.MIN_VALUE, host.scratch().get(ValueLayout.JAVA_LONG_UNALIGNED, 0x400));
        assertEquals(host.layout().stack() - 8, out.gpr[4]);
        assertEquals(1, host.scratch().get(ValueLayout.JAVA_LONG_UNALIGNED, Layout.STACK_OFFSET - 8));
        assertEquals(c.in().mxcsr, out.mxcsr);
        assertNull(emu.run(c));
        assertNull(Differ.compare(c, out, host.scratch(), emu.state(), emu.scratch()));
    }

    @Test
    void differencesAreReported() {
        Gen g = gen();
        Reg a = g.gpr(8, 0);
        Reg b = g.gpr(8, 3);
        g.set(a.n(), 10);
        g.set(b.n(), 5);
        g.emit(g.insn().size(8).op(0x01).modrm(b, a)); // add rax, rbx natively
        g.emuCode(g.insn().size(8).op(0x29).modrm(b, a).bytes()); // sub rax, rbx in the emulator
        Case c = g.build("add vs sub");
        State out = host.run(c);
        assertNull(emu.run(c));
        String diff = Differ.compare(c, out, host.scratch(), emu.state(), emu.scratch());
        assertNotNull(diff);
        assertTrue(diff.contains("rax host=f emu=5"), diff);
    }

    @Test
    void emulatorFaultsAreReportedWithTheVector() {
        Gen g = gen();
        g.emit(0x0F, 0x0B); // ud2
        String fault = emu.run(g.build("ud2"));
        assertNotNull(fault);
        assertTrue(fault.startsWith("emulator raised #6"), fault);
    }
}
