package org.jvmm.hv.emu.impl.cpu;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToIntFunction;

/**
 * The user-mode instruction forms the host-differential test runs, with the flags each defines and
 * input constraints that keep the host from faulting (no division by zero, bit strings inside the
 * scratch buffer). Memory operands address the scratch buffer through RSI.
 */
final class DifferentialForms {

    static final int ALL = Flags.ARITH_MASK;
    static final int CF = Flags.CF, OF = Flags.OF, ZF = Flags.ZF, SF = Flags.SF, PF = Flags.PF, AF = Flags.AF;

    /** Inputs: r[0..15] registers (RSP unused; RSI is the scratch pointer), flags. */
    interface Constraint {
        void apply(long[] r);
    }

    record Form(String asm, ToIntFunction<long[]> flagMask, Constraint constraint) {
        Form(String asm, int mask) {
            this(asm, r -> mask, r -> { });
        }
    }

    private final List<Form> forms = new ArrayList<>();

    static List<Form> all() {
        DifferentialForms f = new DifferentialForms();
        f.alu();
        f.unary();
        f.shifts();
        f.mulDiv();
        f.bits();
        f.moves();
        f.sse();
        return f.forms;
    }

    private void add(String asm, int mask) {
        forms.add(new Form(asm, mask));
    }

    private static final String[][] REGS = {
        {"rax", "rbx", "rdx"}, {"eax", "ebx", "edx"}, {"ax", "bx", "dx"}, {"al", "bl", "dl"}, {"ah", "bh", "dh"},
        {"r9", "r10", "r11"}, {"r9d", "r10d", "r11d"}, {"r9b", "sil", "dil"},
    };

    private void alu() {
        for (String op : new String[] {"add", "adc", "sub", "sbb", "and", "or", "xor", "cmp", "test"}) {
            for (String[] r : REGS) {
                add(op + " " + r[0] + ", " + r[1], ALL & (op.equals("and") || op.equals("or") || op.equals("xor")
                        || op.equals("test") ? ~AF : ALL));
            }
            boolean logic = op.equals("and") || op.equals("or") || op.equals("xor") || op.equals("test");
            int mask = logic ? ALL & ~AF : ALL;
            add(op + " rax, 0x7fffffff", mask);
            add(op + " rbx, -3", mask);
            add(op + " ecx, 0x80000000", mask);
            add(op + " dx, 0x8001", mask);
            add(op + " al, 0x80", mask);
            add(op + " qword ptr [rsi + 8], rbx", mask);
            add(op + " dword ptr [rsi + 3], -7", mask);
            add(op + " byte ptr [rsi + 1], ch", mask);
            if (!op.equals("test")) {
                add(op + " rbx, [rsi + 16]", mask);
                add(op + " r12w, [rsi + 2]", mask);
            }
        }
    }

    private void unary() {
        for (String op : new String[] {"inc", "dec", "neg", "not"}) {
            int mask = op.equals("not") ? ALL : ALL;
            for (String r : new String[] {"rax", "ebx", "cx", "dl", "dh", "r13", "qword ptr [rsi]", "byte ptr [rsi + 5]"}) {
                add(op + " " + r, mask);
            }
        }
    }

    private void shifts() {
        String[] ops = {"shl", "shr", "sar", "rol", "ror", "rcl", "rcr"};
        for (String op : ops) {
            boolean rotate = op.startsWith("r");
            for (String r : new String[] {"rax", "ebx", "dx", "sil", "ah", "qword ptr [rsi + 8]", "word ptr [rsi]"}) {
                for (String count : new String[] {"1", "3", "7", "31", "cl"}) {
                    int bits = bitsOf(r);
                    forms.add(new Form(op + " " + r + ", " + count, regs -> {
                        int n = count.equals("cl") ? (int) regs[1] & 0xFF : Integer.parseInt(count);
                        n &= bits == 64 ? 63 : 31;
                        if (n == 0) {
                            return ALL;
                        }
                        int m = rotate ? ALL & ~OF : CF | SF | ZF | PF;
                        if (n == 1) {
                            m |= OF;
                        }
                        if (!rotate && n >= bits) {
                            m &= ~CF;
                        }
                        if (rotate && op.startsWith("rc") && bits < 32 && n > bits + 1) {
                            m &= ~OF;
                        }
                        return m;
                    }, r2 -> { }));
                }
            }
        }
        for (String op : new String[] {"shld", "shrd"}) {
            for (String[] rr : new String[][] {{"rax", "rbx"}, {"ecx", "edx"}, {"qword ptr [rsi]", "rdi"}}) {
                for (String count : new String[] {"1", "5", "cl"}) {
                    int bits = rr[1].startsWith("e") ? 32 : 64;
                    forms.add(new Form(op + " " + rr[0] + ", " + rr[1] + ", " + count, regs -> {
                        int n = (count.equals("cl") ? (int) regs[1] : Integer.parseInt(count)) & (bits - 1);
                        return n == 0 ? ALL : n == 1 ? CF | SF | ZF | PF | OF : CF | SF | ZF | PF;
                    }, r2 -> { }));
                }
            }
        }
    }

    static int bitsOf(String operand) {
        if (operand.startsWith("qword") || operand.startsWith("r") && !operand.endsWith("d") && !operand.endsWith("w")
                && !operand.endsWith("b") && !operand.endsWith("l")) {
            return 64;
        }
        if (operand.startsWith("e") || operand.startsWith("dword")) {
            return 32;
        }
        if (operand.startsWith("word") || operand.length() == 2 && operand.endsWith("x")) {
            return 16;
        }
        return 8;
    }

    private void mulDiv() {
        for (String r : new String[] {"rbx", "ebx", "bx", "bl", "qword ptr [rsi]"}) {
            add("mul " + r, CF | OF);
            add("imul " + r, CF | OF);
        }
        add("imul rax, rbx", CF | OF);
        add("imul ecx, edx", CF | OF);
        add("imul dx, bx", CF | OF);
        add("imul rdi, [rsi + 8], -77", CF | OF);
        add("imul r8d, r9d, 0x12345", CF | OF);
        add("imul r10w, r11w, 300", CF | OF);
        forms.add(new Form("div rbx", r -> 0, r -> {
            r[3] = r[3] == 0 ? 7 : r[3];
            r[2] = Long.remainderUnsigned(r[2], r[3]);
        }));
        forms.add(new Form("div ebx", r -> 0, r -> {
            long d = r[3] & 0xFFFF_FFFFL;
            d = d == 0 ? 7 : d;
            r[3] = d;
            r[2] = (r[2] & 0xFFFF_FFFFL) % d;
        }));
        forms.add(new Form("div bx", r -> 0, r -> {
            long d = r[3] & 0xFFFF;
            d = d == 0 ? 7 : d;
            r[3] = d;
            r[2] = (r[2] & 0xFFFF) % d;
        }));
        forms.add(new Form("div bl", r -> 0, r -> {
            long d = r[3] & 0xFF;
            d = d == 0 ? 7 : d;
            r[3] = d;
            r[0] = (r[0] & ~0xFFFFL) | ((r[0] >>> 8 & 0xFF) % d) << 8 | (r[0] & 0xFF);
        }));
        forms.add(new Form("idiv rbx", r -> 0, r -> {
            r[2] = r[0] >> 63;
            r[3] = r[3] == 0 || r[3] == -1 ? 3 : r[3];
        }));
        forms.add(new Form("idiv ebx", r -> 0, r -> {
            r[2] = (int) r[0] >> 31;
            int d = (int) r[3];
            r[3] = d == 0 || d == -1 ? 3 : d & 0xFFFF_FFFFL;
        }));
        forms.add(new Form("idiv bx", r -> 0, r -> {
            r[2] = (short) r[0] >> 15;
            short d = (short) r[3];
            r[3] = d == 0 || d == -1 ? 3 : d;
        }));
    }

    private void bits() {
        for (String op : new String[] {"bt", "bts", "btr", "btc"}) {
            add(op + " rax, rbx", CF);
            add(op + " ecx, edx", CF);
            add(op + " ax, 13", CF);
            add(op + " rdi, 62", CF);
            forms.add(new Form(op + " [rsi], rax", r -> CF, r -> r[0] = r[0] & 0x7FF));
            forms.add(new Form(op + " dword ptr [rsi + 4], ecx", r -> CF, r -> r[1] = r[1] & 0x3FF));
            add(op + " qword ptr [rsi], 35", CF);
        }
        for (String r : new String[] {"rax, rbx", "ecx, edx", "r8w, r9w", "rdi, [rsi]"}) {
            add("bsf " + r, ZF);
            add("bsr " + r, ZF);
            add("popcnt " + r, ALL);
        }
    }

    private void moves() {
        for (String f : new String[] {"movzx eax, bl", "movzx ecx, dh", "movzx edx, word ptr [rsi + 1]", "movsx rax, bl",
            "movsx ecx, dx", "movsxd rdi, r8d", "movsx r9, word ptr [rsi]", "movsx ax, dh", "cbw", "cwde", "cdqe", "cwd",
            "cdq", "cqo", "bswap rax", "bswap ebx", "lea rax, [rbx + rcx*4 + 7]", "lea ecx, [rdx + rdi - 3]",
            "lea dx, [rbx + rsi]", "xchg rax, rbx", "xchg cl, dh", "xchg [rsi + 8], edx", "mov al, [rsi + 3]",
            "mov [rsi + 5], bx", "mov cl, ah", "mov ecx, -1", "mov rdx, -1", "mov dh, 5"}) {
            add(f, ALL);
        }
        add("xadd rax, rbx", ALL);
        add("xadd [rsi], ecx", ALL);
        add("xadd dl, bh", ALL);
        add("cmpxchg rbx, rcx", ALL);
        add("cmpxchg [rsi], edx", ALL);
        add("cmpxchg bl, cl", ALL);
        forms.add(new Form("cmpxchg [rsi + 8], rdi", r -> ALL, r -> {
            if ((r[6] & 1) == 0) {
                r[0] = 0x1111_2222_3333_4444L;
            }
        }));
        add("sahf", ALL);
        add("lahf", ALL);
        String[] cc = {"o", "no", "b", "ae", "e", "ne", "be", "a", "s", "ns", "p", "np", "l", "ge", "le", "g"};
        for (String c : cc) {
            add("set" + c + " bl", ALL);
            add("cmov" + c + " rax, rbx", ALL);
            add("cmov" + c + " ecx, edx", ALL);
        }
        add("cmovb eax, [rsi + 12]", ALL);
        add("stc", ALL);
        add("clc", ALL);
        add("cmc", ALL);
    }

    private void sse() {
        String[] ops = {"pxor", "por", "pand", "pandn", "pcmpeqb", "pcmpeqw", "pcmpeqd", "pcmpgtb", "pcmpgtw", "pcmpgtd",
            "paddb", "paddw", "paddd", "paddq", "psubb", "psubw", "psubd", "psubq", "paddusb", "paddusw", "psubusb",
            "psubusw", "paddsb", "paddsw", "psubsb", "psubsw", "pminub", "pmaxub", "pminsw", "pmaxsw", "pavgb", "pavgw",
            "pmullw", "pmulhw", "pmulhuw", "pmuludq", "pmaddwd", "psadbw", "punpcklbw", "punpcklwd", "punpckldq",
            "punpcklqdq", "punpckhbw", "punpckhwd", "punpckhdq", "punpckhqdq", "packsswb", "packssdw", "packuswb",
            "psllw", "pslld", "psllq", "psrlw", "psrld", "psrlq", "psraw", "psrad", "unpcklps", "unpckhps", "unpcklpd",
            "unpckhpd", "andps", "andnps", "orps", "xorpd", "addps", "subps", "mulps", "addpd", "mulpd", "divpd",
            "minps", "maxpd", "addss", "subsd", "mulsd", "divss", "minsd", "maxss", "sqrtsd", "sqrtps"};
        for (String op : ops) {
            add(op + " xmm0, xmm1", ALL);
        }
        add("pxor xmm2, [rsi + 16]", ALL);
        add("pcmpeqb xmm3, [rsi]", ALL);
        for (String f : new String[] {"pshufd xmm0, xmm1, 0x1b", "pshufd xmm2, xmm2, 0xe4", "pshufhw xmm0, xmm1, 0x4e",
            "pshuflw xmm0, xmm1, 0xb1", "shufps xmm0, xmm1, 0x93", "shufpd xmm0, xmm1, 1", "psllw xmm0, 3",
            "pslld xmm1, 17", "psllq xmm2, 63", "psrlw xmm0, 15", "psrld xmm1, 32", "psrlq xmm2, 1", "psraw xmm3, 4",
            "psrad xmm0, 40", "pslldq xmm1, 5", "psrldq xmm2, 11", "pmovmskb eax, xmm1", "movmskps ebx, xmm2",
            "movmskpd ecx, xmm3", "movd eax, xmm1", "movq rbx, xmm2", "movd xmm0, ecx", "movq xmm1, rdx",
            "movq xmm2, xmm3", "movdqa xmm0, xmm1", "movdqu xmm1, [rsi + 3]", "movdqu [rsi + 5], xmm2",
            "movups [rsi + 1], xmm3", "movss xmm0, xmm1", "movsd xmm2, xmm3", "movss xmm0, [rsi]",
            "movsd [rsi + 8], xmm1", "movhps xmm0, [rsi]", "movlpd xmm1, [rsi + 8]", "movhlps xmm2, xmm3",
            "movlhps xmm0, xmm1", "pinsrw xmm0, ebx, 5", "pextrw ecx, xmm1, 6", "cvtsi2sd xmm0, rax",
            "cvtsi2ss xmm1, ebx", "cvttsd2si rax, xmm2", "cvtsd2si ecx, xmm3", "cvttss2si edx, xmm0",
            "cvtss2sd xmm1, xmm2", "cvtsd2ss xmm3, xmm0", "cvtdq2ps xmm0, xmm1", "cvttps2dq xmm2, xmm3",
            "cvtps2dq xmm1, xmm0", "cvtdq2pd xmm0, xmm1", "cvttpd2dq xmm2, xmm3", "cvtps2pd xmm1, xmm2",
            "cvtpd2ps xmm3, xmm0", "movddup xmm0, xmm1", "movshdup xmm2, xmm3", "movsldup xmm1, xmm0",
            "haddpd xmm0, xmm1", "haddps xmm2, xmm3", "addsubpd xmm1, xmm2", "cmpltpd xmm0, xmm1",
            "cmpneqps xmm2, xmm3", "cmpunordsd xmm0, xmm1", "cmpless xmm2, xmm3"}) {
            add(f, ALL);
        }
        add("ucomisd xmm0, xmm1", ALL);
        add("comiss xmm2, xmm3", ALL);
    }
}
