package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** How interrupt controllers reach the processors. Thread-safe. */
@ProviderType
public interface CpuInterrupts {
    /** The PIC's INTR output (LINT0 of every local APIC in virtual-wire mode). */
    void setPicOutput(boolean asserted);

    /** An x86 MSI message (the IOAPIC delivers its redirection entries this way too). */
    void signalMsi(long address, int data);

    /** A non-maskable interrupt to processor {@code vp}. */
    void nmi(int vp);
}
