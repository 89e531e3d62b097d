package org.jvmm.hv.whp.impl.emulate;

/** The registers an emulated instruction reads and writes. General-purpose registers in encoding order. */
public interface EmulatorCpu {
    int ES = 0;
    int CS = 1;
    int SS = 2;
    int DS = 3;
    int FS = 4;
    int GS = 5;

    long gpr(int index);

    void setGpr(int index, long value);

    long rip();

    void setRip(long rip);

    long rflags();

    void setRflags(long rflags);

    /** The base of segment register {@code segment} ({@link #ES} .. {@link #GS}). */
    long segmentBase(int segment);
}
