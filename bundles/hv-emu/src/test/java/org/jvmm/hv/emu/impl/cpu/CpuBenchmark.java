package org.jvmm.hv.emu.impl.cpu;

/**
 * Compute-bound guest benchmark (not a test): a 64-bit checksum loop over 64 KiB of guest memory
 * (load, add, rotate, multiply, xor, pointer bump, loop) and a call-heavy variant. Prints guest
 * instructions per second. Run with
 * {@code java -cp target/classes:target/test-classes org.jvmm.hv.emu.impl.cpu.CpuBenchmark}.
 */
public final class CpuBenchmark {

    private static final String CHECKSUM = """
                mov r8, 2000000
            2:  xor eax, eax
                mov rsi, 0x200000
                mov ecx, 8192
            1:  mov rdx, [rsi]
                add rax, rdx
                rol rax, 5
                imul rax, rax, 31
                xor rax, rdx
                add rsi, 8
                dec ecx
                jnz 1b
                mov [0x300000], rax
                dec r8
                jnz 2b
            """;

    private static final String CALLS = """
                mov r8, 100000000
                xor eax, eax
            1:  call 3f
                cmp rax, r8
                setb cl
                movzx ecx, cl
                add rax, rcx
                dec r8
                jnz 1b
                jmp 4f
            3:  push rbx
                lea rbx, [rax + 1]
                mov rax, rbx
                pop rbx
                ret
            4:
            """;

    private CpuBenchmark() {
    }

    public static void main(String[] args) {
        if (!Asm.available()) {
            System.out.println("GNU as/ld not installed: cannot build the benchmark guest");
            return;
        }
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 5;
        measure("checksum", CHECKSUM, seconds);
        measure("calls", CALLS, seconds);
    }

    private static void measure(String name, String source, double seconds) {
        TestMachine m = new TestMachine().long64();
        byte[] code = Asm.assemble(source + "\nhlt\n", TestMachine.CODE);
        m.load(TestMachine.CODE, code);
        for (int i = 0; i < 65536; i += 8) {
            m.put64(TestMachine.DATA + i, i * 0x9E37_79B9_7F4A_7C15L);
        }
        m.s.rip = TestMachine.CODE;
        long slice = 50_000_000;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        long warm = System.nanoTime() + 1_000_000_000L;
        long startInsns = -1;
        long start = 0;
        long startCpu = 0;
        while (System.nanoTime() < deadline) {
            if (startInsns < 0 && System.nanoTime() > warm) {
                startInsns = m.cpu.retired();
                start = System.nanoTime();
                startCpu = threads.getCurrentThreadCpuTime();
            }
            int outcome = m.cpu.run(slice);
            if (outcome != Outcome.BUDGET_EXHAUSTED) {
                m.s.rip = TestMachine.CODE;
                m.s.halted = false;
            }
        }
        double dt = (System.nanoTime() - start) / 1e9;
        double cpu = (threads.getCurrentThreadCpuTime() - startCpu) / 1e9;
        long n = m.cpu.retired() - startInsns;
        System.out.printf("%-10s %,d instructions in %.2f s (%.2f s CPU): %.1f M instructions/s wall, %.1f M/s CPU%n",
                name, n, dt, cpu, n / dt / 1e6, n / cpu / 1e6);
    }
}
