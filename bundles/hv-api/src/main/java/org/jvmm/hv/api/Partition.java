package org.jvmm.hv.api;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.Inspectable;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A VM's processors over its guest memory. Interrupt requests may come from any thread (device
 * threads, other VPs); register state is read and written only while the VP is not running.
 */
@ConsumerType
public interface Partition extends AutoCloseable, Inspectable {
    int processorCount();

    /** Processor by index, 0 being the bootstrap processor. */
    VirtualProcessor processor(int index);

    GuestMemory memory();

    /** Delivers an interrupt request from the chipset (IOAPIC, MSI, NMI button…). Thread-safe. */
    void requestInterrupt(InterruptRequest request);

    /**
     * The legacy PIC's INTR output, wired to LINT0 of every local APIC (virtual wire mode). The
     * backend acknowledges through {@link CpuIo#acknowledgePicInterrupt()}.
     */
    void setPicOutput(boolean asserted);

    /** Puts every processor in its architectural power-on state. Processors must not be running. */
    void reset();

    /** Releases backend resources. Guest memory stays owned by its creator. */
    @Override
    void close();
}
