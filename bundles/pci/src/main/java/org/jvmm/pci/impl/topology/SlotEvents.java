package org.jvmm.pci.impl.topology;

/** How a port's PCIe capability tells its bridge about hot-plug interrupt conditions. */
@FunctionalInterface
interface SlotEvents {
    /**
     * @param newEvent an enabled event became set (an MSI is due)
     * @param pending  some enabled event is set (the INTx level)
     */
    void slotInterrupt(boolean newEvent, boolean pending);
}
