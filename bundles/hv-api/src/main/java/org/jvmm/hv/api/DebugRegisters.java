package org.jvmm.hv.api;

/** DR0-DR3, DR6 and DR7. */
public record DebugRegisters(long dr0, long dr1, long dr2, long dr3, long dr6, long dr7) {
    public static final DebugRegisters RESET = new DebugRegisters(0, 0, 0, 0, 0xFFFF0FF0L, 0x400);
}
