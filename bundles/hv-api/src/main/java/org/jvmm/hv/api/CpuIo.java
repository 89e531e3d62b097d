package org.jvmm.hv.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * What the VP asks of the chipset while it runs (OpenVMM's {@code CpuIo}). Called on the VP's
 * thread, on the hot path: no allocation expected. Unclaimed reads return all ones, unclaimed
 * writes are dropped, as on a PC.
 */
@ConsumerType
public interface CpuIo {
    long ioRead(int vp, int port, int size);

    void ioWrite(int vp, int port, int size, long value);

    /** {@code size} is 1, 2, 4 or 8; wider guest accesses are split by the backend. */
    long mmioRead(int vp, long address, int size);

    void mmioWrite(int vp, long address, int size, long value);

    /** The PIC's vector for an accepted ExtINT interrupt, or -1 if it has none (spurious). */
    int acknowledgePicInterrupt();

    /** A local APIC end-of-interrupt for {@code vector}, broadcast to the IOAPIC for level lines. */
    void handleEoi(int vector);
}
