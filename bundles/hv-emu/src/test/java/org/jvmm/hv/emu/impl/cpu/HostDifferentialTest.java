package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jvmm.hv.emu.impl.cpu.ffm.NativeCode;
import org.junit.jupiter.api.Test;

/**
 * Runs each user-mode instruction form on the host CPU (through FFM, on an executable page) and in
 * the emulator with the same random registers, flags, XMM0..3 and scratch memory, and compares all
 * general registers, the flags the form defines, XMM0..3 and the scratch memory.
 */
class HostDifferentialTest extends AsmTestBase {

    static final long REGION = 0x00A0_0000L, SCRATCH = REGION, CTX = REGION + 0x800, STUB = REGION + 0x1000;
    static final int SCRATCH_BYTES = 512, CASES = 60;
    private static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    private static String stub(String insn) {
        StringBuilder b = new StringBuilder();
        b.append("push rbx\npush rbp\npush r12\npush r13\npush r14\npush r15\n");
        b.append("movabs rax, ").append(CTX).append('\n');
        for (int x = 0; x < 4; x++) {
            b.append("movdqu xmm").append(x).append(", [rax + ").append(136 + 16 * x).append("]\n");
        }
        b.append("push qword ptr [rax + 128]\npopfq\n");
        for (int i = 1; i < 16; i++) {
            if (i != 4) {
                b.append("mov ").append(GPR[i]).append(", [rax + ").append(8 * i).append("]\n");
            }
        }
        b.append("mov rax, [rax]\n").append(insn).append('\n');
        b.append("pushfq\npush rax\nmovabs rax, ").append(CTX).append('\n');
        for (int i = 1; i < 16; i++) {
            if (i != 4) {
                b.append("mov [rax + ").append(8 * i).append("], ").append(GPR[i]).append('\n');
            }
        }
        b.append("pop qword ptr [rax]\npop qword ptr [rax + 128]\n");
        for (int x = 0; x < 4; x++) {
            b.append("movdqu [rax + ").append(136 + 16 * x).append("], xmm").append(x).append('\n');
        }
        b.append("pop r15\npop r14\npop r13\npop r12\npop rbp\npop rbx\nret\n");
        return b.toString();
    }

    private static long value(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1;
            case 2 -> rnd.nextLong(256);
            case 3 -> 1L << rnd.nextInt(64);
            case 4 -> Long.MIN_VALUE >>> rnd.nextInt(64);
            case 5 -> Double.doubleToRawLongBits(rnd.nextDouble(-1e6, 1e6));
            default -> rnd.nextLong();
        };
    }

    @Test
    void emulatorMatchesTheHostCpu() {
        List<DifferentialForms.Form> forms = DifferentialForms.all();
        List<String> sources = new ArrayList<>();
        for (DifferentialForms.Form f : forms) {
            sources.add(f.asm() + "\nhlt");
            sources.add(stub(f.asm()));
        }
        List<byte[]> code = Asm.assembleMany(sources);
        NativeCode host = NativeCode.map(REGION, 0x10000);
        assumeTrue(host != null, "cannot map an executable page at " + Long.toHexString(REGION));
        try (host) {
            MemorySegment nat = host.memory();
            TestMachine m = new TestMachine().long64();
            SplittableRandom rnd = new SplittableRandom(42);
            List<String> mismatches = new ArrayList<>();
            int cases = 0;
            int failures = 0;
            for (int k = 0; k < forms.size(); k++) {
                DifferentialForms.Form f = forms.get(k);
                byte[] guest = code.get(2 * k);
                byte[] stub = code.get(2 * k + 1);
                MemorySegment.copy(stub, 0, nat, ValueLayout.JAVA_BYTE, STUB - REGION, stub.length);
                m.load(TestMachine.CODE, guest);
                m.cpu.mmu.codePages().invalidateRange(TestMachine.CODE, guest.length);
                boolean reported = false;
                for (int c = 0; c < CASES; c++, cases++) {
                    String diff = runCase(f, rnd, m, host, nat);
                    if (diff != null) {
                        failures++;
                        if (!reported && mismatches.size() < 40) {
                            mismatches.add(f.asm() + ": " + diff);
                            reported = true;
                        }
                    }
                }
            }
            System.out.printf("host differential: %d forms, %d cases, %d mismatches%n", forms.size(), cases, failures);
            assertEquals(List.of(), mismatches);
        }
    }

    private String runCase(DifferentialForms.Form f, SplittableRandom rnd, TestMachine m, NativeCode host,
            MemorySegment nat) {
        long[] r = new long[16];
        for (int i = 0; i < 16; i++) {
            r[i] = value(rnd);
        }
        r[6] = SCRATCH;
        f.constraint().apply(r);
        r[6] = SCRATCH;
        long flags = (rnd.nextLong() & Flags.ARITH_MASK) | 2;
        long[] xmm = new long[8];
        for (int i = 0; i < 8; i++) {
            xmm[i] = value(rnd);
        }
        byte[] mem = new byte[SCRATCH_BYTES];
        rnd.nextBytes(mem);
        // host
        MemorySegment.copy(mem, 0, nat, ValueLayout.JAVA_BYTE, 0, SCRATCH_BYTES);
        for (int i = 0; i < 16; i++) {
            nat.set(ValueLayout.JAVA_LONG, CTX - REGION + 8L * i, r[i]);
        }
        nat.set(ValueLayout.JAVA_LONG, CTX - REGION + 128, flags);
        for (int i = 0; i < 8; i++) {
            nat.set(ValueLayout.JAVA_LONG, CTX - REGION + 136 + 8L * i, xmm[i]);
        }
        host.call(STUB);
        // guest
        m.load(SCRATCH, mem);
        CpuState s = m.s;
        System.arraycopy(r, 0, s.r, 0, 16);
        s.r[4] = TestMachine.STACK_TOP;
        s.setRflags(flags);
        System.arraycopy(xmm, 0, s.xmm, 0, 8);
        s.rip = TestMachine.CODE;
        s.halted = false;
        int outcome = m.cpu.run(10);
        if (outcome != Outcome.HALT) {
            return "emulator ended with " + Outcome.name(outcome) + " exception " + s.excVector;
        }
        int mask = f.flagMask().applyAsInt(r);
        StringBuilder diff = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            long want = nat.get(ValueLayout.JAVA_LONG, CTX - REGION + 8L * i);
            if (i != 4 && want != s.r[i]) {
                diff.append(String.format(" %s host=%x emu=%x", GPR[i], want, s.r[i]));
            }
        }
        long hostFlags = nat.get(ValueLayout.JAVA_LONG, CTX - REGION + 128) & mask;
        long emuFlags = s.rflags() & mask;
        if (hostFlags != emuFlags) {
            diff.append(String.format(" flags host=%x emu=%x (mask %x)", hostFlags, emuFlags, mask));
        }
        for (int i = 0; i < 8; i++) {
            long want = nat.get(ValueLayout.JAVA_LONG, CTX - REGION + 136 + 8L * i);
            if (want != s.xmm[i]) {
                diff.append(String.format(" xmm%d.%d host=%x emu=%x", i / 2, i % 2, want, s.xmm[i]));
            }
        }
        for (int i = 0; i < SCRATCH_BYTES; i += 8) {
            long want = nat.get(ValueLayout.JAVA_LONG_UNALIGNED, i);
            long got = m.get64(SCRATCH + i);
            if (want != got) {
                diff.append(String.format(" mem+%d host=%x emu=%x", i, want, got));
            }
        }
        if (diff.isEmpty()) {
            return null;
        }
        StringBuilder in = new StringBuilder(" in:");
        for (int i = 0; i < 16; i++) {
            if (i != 4) {
                in.append(String.format(" %s=%x", GPR[i], r[i]));
            }
        }
        return diff + in.toString() + String.format(" flags=%x", flags);
    }
}
