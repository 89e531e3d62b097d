package org.jvmm.hv.whp.impl.emulate;

/** The outcome of emulating one instruction: done, or why not (the processor state is then unchanged). */
public record Emulation(boolean ok, String detail) {
    public static final Emulation OK = new Emulation(true, "");

    public static Emulation failed(String detail) {
        return new Emulation(false, detail);
    }
}
