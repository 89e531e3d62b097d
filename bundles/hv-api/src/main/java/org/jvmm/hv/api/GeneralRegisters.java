package org.jvmm.hv.api;

/** The general-purpose registers, RIP and RFLAGS. */
public record GeneralRegisters(
        long rax, long rcx, long rdx, long rbx, long rsp, long rbp, long rsi, long rdi,
        long r8, long r9, long r10, long r11, long r12, long r13, long r14, long r15,
        long rip, long rflags) {

    /** RFLAGS bit 1 is always set. */
    public static final long RFLAGS_RESERVED = 0x2;

    /** Registers in encoding order (rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8..r15). */
    public long[] gprs() {
        return new long[] {rax, rcx, rdx, rbx, rsp, rbp, rsi, rdi, r8, r9, r10, r11, r12, r13, r14, r15};
    }

    /** Builds from registers in encoding order. */
    public static GeneralRegisters of(long[] g, long rip, long rflags) {
        if (g.length != 16) {
            throw new IllegalArgumentException("gprs: need 16 registers, got " + g.length);
        }
        return new GeneralRegisters(g[0], g[1], g[2], g[3], g[4], g[5], g[6], g[7],
                g[8], g[9], g[10], g[11], g[12], g[13], g[14], g[15], rip, rflags);
    }

    public GeneralRegisters withRip(long newRip) {
        long[] g = gprs();
        return of(g, newRip, rflags);
    }

    public GeneralRegisters withGpr(int index, long value) {
        long[] g = gprs();
        g[index] = value;
        return of(g, rip, rflags);
    }
}
