package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * PCI configuration space of a device, in dwords: {@code offset} is 4-byte aligned, 0..4092.
 * The PCI bus merges narrower guest accesses into dword reads and read-modify-writes.
 */
@ConsumerType
public interface PciConfigIntercept {
    /** The bus/device/function the device asks for, or null to let the bus choose. */
    PciAddress preferredAddress();

    IoResult pciConfigRead(int offset, IoValue out);

    IoResult pciConfigWrite(int offset, int value);

    /**
     * Called by the {@link PciHost} when the function is attached (plugged in): from now on its
     * BARs map through the attachment's mappers, its INTx and MSIs go through it. A function
     * attached again after a detach gets a new attachment; the old one is dead by then.
     */
    default void pciAttached(PciAttachment attachment) {
    }
}
