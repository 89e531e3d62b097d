package org.jvmm.hv.whp.impl.emulate;

/** Guest memory as an emulated instruction sees it: linear addresses translate, physical ones are RAM or MMIO. */
public interface EmulatorMemory {
    /** The guest-physical address of {@code linear}, or -1 when the guest's page tables do not map it. */
    long translate(long linear, Access access);

    /** Reads {@code size} (1, 2, 4 or 8) bytes at {@code gpa}: RAM, or MMIO through the chipset. */
    long read(long gpa, int size);

    void write(long gpa, int size, long value);

    enum Access { READ, WRITE, EXECUTE }
}
