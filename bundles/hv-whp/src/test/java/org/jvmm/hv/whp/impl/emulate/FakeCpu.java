package org.jvmm.hv.whp.impl.emulate;

/** Registers in arrays, for emulator tests. */
final class FakeCpu implements EmulatorCpu {
    final long[] gpr = new long[16];
    final long[] segmentBase = new long[6];
    long rip = 0x1000;
    long rflags = 0x2;

    @Override
    public long gpr(int index) {
        return gpr[index];
    }

    @Override
    public void setGpr(int index, long value) {
        gpr[index] = value;
    }

    @Override
    public long rip() {
        return rip;
    }

    @Override
    public void setRip(long rip) {
        this.rip = rip;
    }

    @Override
    public long rflags() {
        return rflags;
    }

    @Override
    public void setRflags(long rflags) {
        this.rflags = rflags;
    }

    @Override
    public long segmentBase(int segment) {
        return segmentBase[segment];
    }
}
