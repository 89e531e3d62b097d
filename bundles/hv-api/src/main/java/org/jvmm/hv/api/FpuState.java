package org.jvmm.hv.api;

import java.util.Arrays;

/**
 * x87, MMX and SSE state in the 512-byte FXSAVE layout (FCW at 0, FSW at 2, MXCSR at 24,
 * ST0-7 from 32, XMM0-15 from 160). The array is copied in and out.
 */
public record FpuState(byte[] fxsave) {
    public static final int SIZE = 512;

    public FpuState {
        if (fxsave.length != SIZE) {
            throw new IllegalArgumentException("fxsave: must be 512 bytes, got " + fxsave.length);
        }
        fxsave = fxsave.clone();
    }

    /** The power-on state: FCW 0x037F, MXCSR 0x1F80, everything else zero. */
    public static FpuState reset() {
        byte[] b = new byte[SIZE];
        b[0] = 0x7F;
        b[1] = 0x03;
        b[24] = (byte) 0x80;
        b[25] = 0x1F;
        return new FpuState(b);
    }

    @Override
    public byte[] fxsave() {
        return fxsave.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FpuState f && Arrays.equals(fxsave, f.fxsave);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(fxsave);
    }

    @Override
    public String toString() {
        return "FpuState[fcw=" + Integer.toHexString((fxsave[0] & 0xFF) | (fxsave[1] & 0xFF) << 8) + "]";
    }
}
