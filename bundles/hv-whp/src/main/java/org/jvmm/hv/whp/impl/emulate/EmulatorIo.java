package org.jvmm.hv.whp.impl.emulate;

/** Port I/O for the string I/O instructions (INS, OUTS). */
public interface EmulatorIo {
    long in(int port, int size);

    void out(int port, int size, long value);
}
