package org.jvmm.hv.emu.diff;

/**
 * The register state the differential harness loads before and saves after a snippet: RAX..R15,
 * RFLAGS, MXCSR and XMM0..15 (as low/high quadwords: {@code xmm[2n]} is bits 0..63 of XMMn).
 */
final class State {

    static final String[] GPR = {"rax", "rcx", "rdx", "rbx", "rsp", "rbp", "rsi", "rdi",
        "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"};

    final long[] gpr = new long[16];
    long flags;
    int mxcsr = 0x1F80;
    final long[] xmm = new long[32];

    /** The registers as text, for mismatch reports (XMM registers only when not zero). */
    String describe() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 16; i++) {
            b.append(GPR[i]).append('=').append(Long.toHexString(gpr[i])).append(' ');
        }
        b.append("flags=").append(Long.toHexString(flags)).append(" mxcsr=").append(Integer.toHexString(mxcsr));
        for (int i = 0; i < 16; i++) {
            if (xmm[2 * i] != 0 || xmm[2 * i + 1] != 0) {
                b.append(String.format(" xmm%d=%016x:%016x", i, xmm[2 * i + 1], xmm[2 * i]));
            }
        }
        return b.toString();
    }
}
