package org.jvmm.examples.edu.impl;

/** What the registers need from the PCI function around them. */
interface EduBus {
    /** Whether the guest let the function master the bus (DMA and MSI need it). */
    boolean busMasterEnabled();

    /**
     * The interrupt status changed to {@code status}; {@code raised} when bits were raised (send a
     * message), false when they were acknowledged.
     */
    void interrupt(int status, boolean raised);
}
