package org.jvmm.hv.emu.diff;

import java.io.ByteArrayOutputStream;

/**
 * The hand-assembled native code around a snippet, called as {@code void f(void)}. The prologue
 * saves the callee-saved registers, RFLAGS and MXCSR on the host stack, loads XMM0..15, MXCSR,
 * RFLAGS (push/popfq on a small private stack inside the context block), RSP and the other general
 * registers from the input area of the context block; the epilogue stores them all into the output
 * area (RAX first through a 64-bit absolute address, so no register is needed) and restores the
 * host's state. Context block layout (offsets): inputs at {@link #IN}, outputs at {@link #OUT}, each
 * with the 16 registers, RFLAGS at +0x80, MXCSR at +0x88 and XMM0..15 at +0x90.
 */
final class Trampoline {

    static final int IN = 0, OUT = 0x200, FLAGS = 0x80, MXCSR = 0x88, XMM = 0x90;
    static final int HOST_RSP = 0x400, HOST_MXCSR = 0x408, PRIVATE_STACK_TOP = 0x600, CONTEXT_SIZE = 0x1000;

    private Trampoline() {
    }

    static byte[] prologue(long ctx) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(new byte[] {0x53, 0x55, 0x41, 0x54, 0x41, 0x55, 0x41, 0x56, 0x41, 0x57, (byte) 0x9C});
        movabsRax(b, ctx);
        rmRax(b, 0x48, 0x89, 4, HOST_RSP); // mov [rax+HOST_RSP], rsp
        rmRax(b, -1, 0x0F, 0xAE, 3, HOST_MXCSR); // stmxcsr [rax+HOST_MXCSR]
        rmRax(b, -1, 0x0F, 0xAE, 2, IN + MXCSR); // ldmxcsr [rax+IN_MXCSR]
        for (int x = 0; x < 16; x++) { // movdqu xmmN, [rax+IN_XMM+16N]
            b.write(0xF3);
            rmRax(b, x >= 8 ? 0x44 : -1, 0x0F, 0x6F, x & 7, IN + XMM + 16 * x);
        }
        rmRax(b, 0x48, 0x8D, 4, PRIVATE_STACK_TOP); // lea rsp, [rax+PRIVATE_STACK_TOP]
        rmRax(b, -1, 0xFF, 6, IN + FLAGS); // push qword [rax+IN_FLAGS]
        b.write(0x9D); // popfq
        for (int r = 1; r < 16; r++) { // mov reg, [rax+IN+8r] (RSP included)
            rmRax(b, r >= 8 ? 0x4C : 0x48, 0x8B, r & 7, IN + 8 * r);
        }
        rmRax(b, 0x48, 0x8B, 0, IN); // mov rax, [rax+IN]
        return b.toByteArray();
    }

    static byte[] epilogue(long ctx) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(0x48); // mov [moffs64], rax
        b.write(0xA3);
        imm64(b, ctx + OUT);
        movabsRax(b, ctx);
        rmRax(b, 0x48, 0x89, 4, OUT + 8 * 4); // mov [rax+OUT_RSP], rsp
        rmRax(b, 0x48, 0x8D, 4, PRIVATE_STACK_TOP); // lea rsp, [rax+PRIVATE_STACK_TOP]
        b.write(0x9C); // pushfq
        rmRax(b, -1, 0x8F, 0, OUT + FLAGS); // pop qword [rax+OUT_FLAGS]
        for (int r = 1; r < 16; r++) {
            if (r != 4) { // mov [rax+OUT+8r], reg
                rmRax(b, r >= 8 ? 0x4C : 0x48, 0x89, r & 7, OUT + 8 * r);
            }
        }
        for (int x = 0; x < 16; x++) { // movdqu [rax+OUT_XMM+16N], xmmN
            b.write(0xF3);
            rmRax(b, x >= 8 ? 0x44 : -1, 0x0F, 0x7F, x & 7, OUT + XMM + 16 * x);
        }
        rmRax(b, -1, 0x0F, 0xAE, 3, OUT + MXCSR); // stmxcsr [rax+OUT_MXCSR]
        rmRax(b, -1, 0x0F, 0xAE, 2, HOST_MXCSR); // ldmxcsr [rax+HOST_MXCSR]
        rmRax(b, 0x48, 0x8B, 4, HOST_RSP); // mov rsp, [rax+HOST_RSP]
        b.writeBytes(new byte[] {(byte) 0x9D, 0x41, 0x5F, 0x41, 0x5E, 0x41, 0x5D, 0x41, 0x5C, 0x5D, 0x5B, (byte) 0xC3});
        return b.toByteArray();
    }

    private static void movabsRax(ByteArrayOutputStream b, long v) {
        b.write(0x48);
        b.write(0xB8);
        imm64(b, v);
    }

    private static void imm64(ByteArrayOutputStream b, long v) {
        for (int i = 0; i < 8; i++) {
            b.write((int) (v >>> (8 * i)));
        }
    }

    /** [rex] op modrm(mod=10, reg, rm=rax) disp32: an instruction with a [rax+disp32] operand. */
    private static void rmRax(ByteArrayOutputStream b, int rex, int op, int reg, int disp) {
        rmRax(b, rex, op, -1, reg, disp);
    }

    private static void rmRax(ByteArrayOutputStream b, int rex, int op, int op2, int reg, int disp) {
        if (rex >= 0) {
            b.write(rex);
        }
        b.write(op);
        if (op2 >= 0) {
            b.write(op2);
        }
        b.write(0x80 | (reg & 7) << 3);
        for (int i = 0; i < 4; i++) {
            b.write(disp >>> (8 * i));
        }
    }
}
