package org.jvmm.hv.emu.impl.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.jvmm.hv.emu.impl.cpu.jit.Jit;

/**
 * Translated blocks against the interpreter: random straight-line blocks of the forms the translator
 * emits inline (mixed with interpreted ones and flag readers), loops that run inside a translation,
 * and faults in the middle of a translated block. Each program runs on two machines from the same
 * state, one interpreting and one translating every block on its first run; registers, flags, RIP,
 * memory and the retired count must match.
 */
class JitDifferentialTest extends AsmTestBase {

    private static final String[] R64 = {"rax", "rbx", "rcx", "rdx", "rdi", "rbp", "r8", "r9", "r10", "r11", "r12",
        "r13", "r14", "r15"};
    private static final String[] R32 = {"eax", "ebx", "ecx", "edx", "edi", "ebp", "r8d", "r9d", "r10d", "r11d",
        "r12d", "r13d", "r14d", "r15d"};
    private static final String[] R8 = {"al", "bl", "cl", "dl", "dil", "bpl", "r8b", "r9b", "r10b", "r11b", "r12b",
        "r13b", "r14b", "r15b"};
    private static final String[] R16 = {"ax", "bx", "cx", "dx", "di", "bp", "r8w", "r9w", "r10w", "r11w", "r12w",
        "r13w", "r14w", "r15w"};
    private static final String[] LEGACY8 = {"al", "bl", "cl", "dl", "ah", "bh", "ch", "dh"};
    private static final String[] ALU = {"add", "sub", "and", "or", "xor", "cmp", "test", "adc", "sbb"};
    private static final String[] CC = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge",
        "le", "g"};

    @Test
    void randomBlocksMatchTheInterpreter() {
        Random rnd = new Random(20261129);
        List<String> programs = new ArrayList<>();
        for (int p = 0; p < 300; p++) {
            StringBuilder sb = new StringBuilder();
            int len = 5 + rnd.nextInt(50);
            for (int i = 0; i < len; i++) {
                sb.append(instruction(rnd)).append('\n');
            }
            programs.add(sb.append("hlt\n").toString());
        }
        List<byte[]> code = Asm.assembleMany(programs);
        long translated = 0;
        for (int p = 0; p < programs.size(); p++) {
            long seed = rnd.nextLong();
            translated += compare(programs.get(p), code.get(p), seed);
        }
        assertTrue(translated >= programs.size() * 9L / 10, translated + " of " + programs.size() + " translated");
    }

    @Test
    void everyConditionAfterEveryFlagProducerMatchesTheInterpreter() {
        String[] producers = {"add rax, rbx", "adc rax, rbx", "sub rax, rbx", "sbb rax, rbx", "cmp eax, ebx",
            "and rax, rbx", "test eax, ebx", "xor al, bl", "inc rax", "dec eax", "neg rax", "shl rax, 1",
            "shr eax, 31", "sar rax, 63", "imul rax, rbx", "add ax, bx", "sub al, bl", "rol rax, 1", "ror eax, 31"};
        long[][] pairs = {{0, 0}, {1, 0}, {0, 1}, {-1, 1}, {1, -1}, {0x7FFF_FFFF_FFFF_FFFFL, 1},
            {0x8000_0000L, 0x8000_0000L}, {0x80, 0x7F}, {5, 5}, {0x1234, -0x1234}};
        List<String> programs = new ArrayList<>();
        for (String producer : producers) {
            StringBuilder sb = new StringBuilder();
            int slot = 0;
            for (long[] pair : pairs) {
                for (int cc = 0; cc < 16; cc++) {
                    sb.append("mov rax, ").append(pair[0]).append("\nmov rbx, ").append(pair[1]).append('\n');
                    sb.append(cc % 2 == 0 ? "stc\n" : "clc\n").append(producer).append('\n');
                    sb.append("set").append(CC[cc]).append(" byte ptr [rsi + ").append(slot++).append("]\n");
                }
                sb.append("mov rax, ").append(pair[0]).append("\nmov rbx, ").append(pair[1]).append('\n');
                sb.append(producer).append("\nadc rcx, 0\nmov rdx, 0\nsbb rdx, rdx\nmov [rsi + ")
                        .append(1024 + slot * 8).append("], rdx\n");
            }
            programs.add(sb.append("hlt\n").toString());
        }
        List<byte[]> code = Asm.assembleMany(programs);
        for (int p = 0; p < programs.size(); p++) {
            compare(programs.get(p), code.get(p), p);
        }
    }

    @Test
    void loopsInsideATranslationMatchTheInterpreter() {
        String[] loops = {
            "mov ecx, 5000\n1: add rax, rbx\nrol rbx, 1\nimul rax, rbx\ndec ecx\njnz 1b\nhlt",
            "mov ecx, 3000\n1: add rax, [rsi + rcx * 8 - 8]\nxor rbx, rax\nshr rbx, 3\nsub ecx, 1\njne 1b\nhlt",
            "mov ecx, 2000\n1: mov [rsi + rcx * 4], eax\nadd eax, ecx\nadc rbx, rax\ncmp ecx, 1\nlea ecx, [rcx - 1]\n"
                    + "ja 1b\nhlt",
            "mov ecx, 4000\n1: push rax\npop rbx\ninc rbx\nmov rax, rbx\nloop 1b\nhlt",
            "mov ecx, 4000\n1: cmp rax, rbx\ncmovb rax, rbx\nsetc dl\nadd rbx, rdx\ndec rcx\njnz 1b\nhlt",
        };
        List<byte[]> code = Asm.assembleMany(List.of(loops));
        for (int p = 0; p < loops.length; p++) {
            compare(loops[p], code.get(p), p);
        }
    }

    @Test
    void regionsOfSeveralBlocksMatchTheInterpreter() {
        String[] loops = {
            // an if/else inside a loop: four blocks in one page
            "mov ecx, 3000\n1: test ecx, 1\njz 2f\nadd rax, rcx\njmp 3f\n2: sub rbx, rcx\nrol rbx, 3\n"
                    + "3: imul rax, rbx\ndec ecx\njnz 1b\nhlt",
            // a call and a return inside the loop; flags live across the blocks
            "mov ecx, 2000\n1: call 5f\nadc rax, rbx\ndec ecx\njnz 1b\nhlt\n5: add rbx, rcx\ncmp rbx, rax\nret",
            // a fault in the second block of a region after a few hundred passes
            "mov rdx, 0x200000\nmov ecx, 1000\n1: add rax, rcx\ntest ecx, 7\njnz 2f\nadd rdx, 0x1000000\n"
                    + "2: add rbx, [rdx]\ndec ecx\njnz 1b\nhlt",
        };
        List<byte[]> code = Asm.assembleMany(List.of(loops));
        for (int p = 0; p < loops.length; p++) {
            TestMachine a = machine(code.get(p), null, p);
            TestMachine b = machine(code.get(p), new Jit(50), p);
            int oa = a.cpu.run(10_000_000);
            int ob = b.cpu.run(10_000_000);
            assertEquals(Outcome.name(oa), Outcome.name(ob), loops[p]);
            same(loops[p], a, b);
            var t = b.cpu.jit().translator();
            assertTrue(t.translated() > 0 && t.blocks() > t.translated(), "regions of several blocks: " + loops[p]);
        }
    }

    @Test
    void aFaultInTheMiddleOfATranslatedBlockLeavesTheSameState() {
        // The load from the unmapped page faults with an empty IDT: both machines shut down at it.
        String source = "add rax, rbx\nmov [rsi], rax\nmov rdx, 0x7fff00000000\nsub rbx, 7\n"
                + "mov rcx, [rdx]\nadd rax, 1\nhlt";
        byte[] code = Asm.assembleMany(List.of(source)).get(0);
        TestMachine a = machine(code, null, 1);
        TestMachine b = machine(code, new Jit(1), 1);
        int oa = a.cpu.run(1_000_000);
        int ob = b.cpu.run(1_000_000);
        assertEquals(Outcome.name(Outcome.SHUTDOWN), Outcome.name(oa));
        assertEquals(Outcome.name(oa), Outcome.name(ob));
        same(source, a, b);
        assertTrue(b.cpu.jit().translator().translated() > 0, "the block was translated");
    }

    /** Returns the number of blocks the translating machine translated. */
    static long compare(String source, byte[] code, long seed) {
        TestMachine a = machine(code, null, seed);
        TestMachine b = machine(code, new Jit(1), seed);
        int oa = a.cpu.run(10_000_000);
        int ob = b.cpu.run(10_000_000);
        assertEquals(Outcome.name(oa), Outcome.name(ob), source);
        assertEquals(Outcome.name(Outcome.HALT), Outcome.name(oa), source);
        same(source, a, b);
        return b.cpu.jit().translator().translated();
    }

    static TestMachine machine(byte[] code, Jit jit, long seed) {
        TestMachine m = new TestMachine().long64();
        m.cpu.setJit(jit);
        m.load(TestMachine.CODE, code);
        Random rnd = new Random(seed);
        for (int i = 0; i < 16; i++) {
            m.s.r[i] = switch (rnd.nextInt(4)) {
                case 0 -> rnd.nextInt(16);
                case 1 -> rnd.nextInt();
                default -> rnd.nextLong();
            };
        }
        m.s.r[4] = TestMachine.STACK_TOP;
        m.s.r[6] = TestMachine.DATA;
        for (int i = 0; i < 0x8000; i += 8) {
            m.put64(TestMachine.DATA + i, rnd.nextLong());
        }
        m.s.setRflags(2 | rnd.nextInt(2) * Flags.CF | rnd.nextInt(2) * Flags.ZF);
        m.s.rip = TestMachine.CODE;
        return m;
    }

    static void same(String source, TestMachine a, TestMachine b) {
        for (int i = 0; i < 16; i++) {
            assertEquals(Long.toHexString(a.s.r[i]), Long.toHexString(b.s.r[i]), "r" + i + " after\n" + source);
        }
        assertEquals(Long.toHexString(a.s.rip), Long.toHexString(b.s.rip), "rip after\n" + source);
        assertEquals(Long.toHexString(a.s.rflags()), Long.toHexString(b.s.rflags()), "rflags after\n" + source);
        assertEquals(a.cpu.retired(), b.cpu.retired(), "retired after\n" + source);
        for (int i = 0; i < 0x8000; i += 8) {
            assertEquals(a.get64(TestMachine.DATA + i), b.get64(TestMachine.DATA + i), "memory +" + i + " after\n" + source);
        }
        for (long p = TestMachine.STACK_TOP - 256; p < TestMachine.STACK_TOP; p += 8) {
            assertEquals(a.get64(p), b.get64(p), "stack " + Long.toHexString(p) + " after\n" + source);
        }
    }

    private static String instruction(Random rnd) {
        String r = R64[rnd.nextInt(R64.length)];
        String s = R64[rnd.nextInt(R64.length)];
        String e = R32[rnd.nextInt(R32.length)];
        String f = R32[rnd.nextInt(R32.length)];
        String b = R8[rnd.nextInt(R8.length)];
        String cc = CC[rnd.nextInt(CC.length)];
        String alu = ALU[rnd.nextInt(ALU.length)];
        String mem = "[rsi + " + rnd.nextInt(512) * 8 + "]";
        int imm = rnd.nextBoolean() ? rnd.nextInt(256) - 128 : rnd.nextInt();
        String w = R16[rnd.nextInt(R16.length)];
        String h = LEGACY8[rnd.nextInt(LEGACY8.length)];
        String h2 = LEGACY8[rnd.nextInt(LEGACY8.length)];
        String any = new String[] {r, e, w, b}[rnd.nextInt(4)];
        String ptr = any == r ? "qword" : any == e ? "dword" : any == w ? "word" : "byte";
        String alu2 = alu.equals("test") ? "add" : alu;
        String shift = new String[] {"rol", "ror", "rcl", "rcr", "shl", "shr", "sar"}[rnd.nextInt(7)];
        int more = rnd.nextInt(60);
        if (more < 24) {
            return switch (more) {
                case 0 -> alu + " " + h + ", " + h2;
                case 1 -> alu + " " + w + ", " + R16[rnd.nextInt(R16.length)];
                case 2 -> alu2 + " " + ptr + " ptr " + mem + ", " + any;
                case 3 -> alu2 + " " + ptr + " ptr " + mem + ", " + (rnd.nextInt(256) - 128);
                case 4 -> (alu.equals("test") ? "cmp" : alu) + " " + any + ", " + ptr + " ptr " + mem;
                case 5 -> "test " + ptr + " ptr " + mem + ", " + any;
                case 6 -> "test " + any + ", " + (any == b ? rnd.nextInt(256) : imm);
                case 7 -> new String[] {"inc", "dec", "not", "neg"}[rnd.nextInt(4)] + " " + ptr + " ptr " + mem;
                case 8 -> new String[] {"inc", "dec", "not", "neg"}[rnd.nextInt(4)] + " " + any;
                case 9 -> "mov " + ptr + " ptr " + mem + ", " + any;
                case 10 -> "mov " + any + ", " + ptr + " ptr " + mem;
                case 11 -> "mov " + ptr + " ptr " + mem + ", " + (any == r ? imm : rnd.nextInt(128));
                case 12 -> "movzx " + e + ", word ptr " + mem;
                case 13 -> "movsx " + r + ", " + (rnd.nextBoolean() ? "byte" : "word") + " ptr " + mem;
                case 14 -> "movsx " + e + ", " + (rnd.nextBoolean() ? b : w);
                case 15 -> "lea " + e + ", [" + s + " + " + R64[rnd.nextInt(R64.length)] + " * 2 + " + imm + "]";
                case 16 -> shift + " " + any + ", " + rnd.nextInt(40);
                case 17 -> shift + " " + any + ", cl";
                case 18 -> "bswap " + (rnd.nextBoolean() ? r : e);
                case 19 -> "set" + cc + " " + h;
                case 20 -> "cmov" + cc + " " + r + ", qword ptr " + mem;
                case 21 -> "cmov" + cc + " " + w + ", " + R16[rnd.nextInt(R16.length)];
                case 22 -> "mov " + h + ", " + h2;
                default -> "movzx " + new String[] {"eax", "ebx", "ecx", "edx", "edi", "ebp"}[rnd.nextInt(6)] + ", " + h;
            };
        }
        return switch (rnd.nextInt(36)) {
            case 0, 1 -> alu + " " + r + ", " + s;
            case 2, 3 -> alu + " " + e + ", " + f;
            case 4 -> (alu.equals("test") ? "and" : alu) + " " + r + ", " + imm;
            case 5 -> (alu.equals("test") ? "and" : alu) + " " + e + ", " + imm;
            case 6 -> "mov " + r + ", " + s;
            case 7 -> "mov " + e + ", " + f;
            case 8 -> "mov " + r + ", " + mem;
            case 9 -> "mov " + mem + ", " + r;
            case 10 -> "mov " + e + ", dword ptr " + mem;
            case 11 -> "mov dword ptr " + mem + ", " + e;
            case 12 -> (alu.equals("test") ? "add" : alu) + " " + r + ", " + mem;
            case 13 -> (alu.equals("test") ? "cmp" : alu) + " " + e + ", dword ptr " + mem;
            case 14 -> new String[] {"shl", "shr", "sar"}[rnd.nextInt(3)] + " " + r + ", " + (1 + rnd.nextInt(63));
            case 15 -> new String[] {"shl", "shr", "sar"}[rnd.nextInt(3)] + " " + e + ", " + (1 + rnd.nextInt(31));
            case 16 -> "imul " + r + ", " + s;
            case 17 -> "lea " + r + ", [" + s + " + " + R64[rnd.nextInt(R64.length)] + " * " + (1 << rnd.nextInt(4))
                    + " + " + imm + "]";
            case 18 -> "movzx " + e + ", byte ptr " + mem;
            case 19 -> "movzx " + e + ", " + b;
            case 20 -> "movsxd " + r + ", " + f;
            case 21 -> "movsxd " + r + ", dword ptr " + mem;
            case 22 -> "set" + cc + " " + b;
            case 23 -> "cmov" + cc + " " + r + ", " + s;
            case 24 -> "cmov" + cc + " " + e + ", " + f;
            case 25 -> (rnd.nextBoolean() ? "inc " : "dec ") + (rnd.nextBoolean() ? r : e);
            case 26 -> "mov " + r + ", " + rnd.nextLong();
            case 27 -> "mov " + e + ", " + imm;
            case 28 -> "push " + r + "\npop " + s;
            case 29 -> "rol " + r + ", " + (1 + rnd.nextInt(63));
            case 30 -> "bt " + r + ", " + s;
            case 31 -> "mov byte ptr " + mem + ", " + b;
            case 32 -> (rnd.nextBoolean() ? "neg " : "not ") + r;
            case 33 -> "rcl " + e + ", 1";
            case 34 -> "xchg " + r + ", " + s;
            default -> "nop";
        };
    }
}
