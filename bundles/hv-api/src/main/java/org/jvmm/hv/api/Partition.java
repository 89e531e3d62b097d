package org.jvmm.hv.api;

import java.util.Optional;
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

    /**
     * The deterministic guest time the chipset's clock and device timers must follow, when the
     * partition was created {@link PartitionConfig#deterministic() deterministic} and the backend
     * offers it; empty when guest time follows the host clock.
     */
    default Optional<DeterministicTime> deterministicTime() {
        return Optional.empty();
    }

    /**
     * Partition-wide state for a snapshot (guest time, shared interrupt wiring), taken while no
     * processor runs; the processors' own state comes from {@link VirtualProcessor#saveState()}.
     *
     * @throws HypervisorException when the backend cannot save it
     */
    default SavedBackendState saveState() throws HypervisorException {
        throw new HypervisorException("this hypervisor backend cannot save partition state");
    }

    /** Restores what {@link #saveState()} wrote, while no processor runs. */
    default void restoreState(SavedBackendState state) throws HypervisorException {
        throw new HypervisorException("this hypervisor backend cannot restore partition state");
    }

    /** Puts every processor in its architectural power-on state. Processors must not be running. */
    void reset();

    /** Releases backend resources. Guest memory stays owned by its creator. */
    @Override
    void close();
}
