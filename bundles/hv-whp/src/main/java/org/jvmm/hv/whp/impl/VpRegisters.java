package org.jvmm.hv.whp.impl;

import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import org.jvmm.hv.whp.impl.emulate.EmulatorCpu;
import org.jvmm.hv.whp.impl.ffm.VpCalls;
import org.jvmm.hv.whp.impl.ffm.WhpException;

/**
 * The registers an instruction emulation needs, read in one call before it and written back in one
 * call after it: RAX..R15, RIP, RFLAGS and the six segment registers (bases only are used).
 */
final class VpRegisters implements EmulatorCpu {
    /** General registers (18), then ES CS SS DS FS GS in {@link EmulatorCpu} order. */
    private static final int[] NAMES = concat(RegisterCodec.GENERAL, new int[] {WHvX64RegisterEs, WHvX64RegisterCs,
        WHvX64RegisterSs, WHvX64RegisterDs, WHvX64RegisterFs, WHvX64RegisterGs});
    private static final int GENERAL = RegisterCodec.GENERAL.length;
    private static final int RIP = 16;
    private static final int RFLAGS = 17;

    private final VpCalls calls;
    private final long[] values = new long[2 * NAMES.length];
    private final long[] general = new long[2 * GENERAL];
    private boolean dirty;

    VpRegisters(VpCalls calls) {
        this.calls = calls;
    }

    /** Reads the registers from the processor, discarding anything not flushed. */
    void load() throws WhpException {
        calls.getRegisters(NAMES, values);
        dirty = false;
    }

    /** Writes back the general registers, RIP and RFLAGS if the emulation changed any. */
    void flush() throws WhpException {
        if (dirty) {
            System.arraycopy(values, 0, general, 0, general.length);
            calls.setRegisters(RegisterCodec.GENERAL, general);
            dirty = false;
        }
    }

    @Override
    public long gpr(int index) {
        return values[2 * index];
    }

    @Override
    public void setGpr(int index, long value) {
        values[2 * index] = value;
        dirty = true;
    }

    @Override
    public long rip() {
        return values[2 * RIP];
    }

    @Override
    public void setRip(long rip) {
        setGpr(RIP, rip);
    }

    @Override
    public long rflags() {
        return values[2 * RFLAGS];
    }

    @Override
    public void setRflags(long rflags) {
        setGpr(RFLAGS, rflags);
    }

    @Override
    public long segmentBase(int segment) {
        return values[2 * (GENERAL + segment)];
    }

    private static int[] concat(int[] a, int[] b) {
        int[] r = new int[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }
}
