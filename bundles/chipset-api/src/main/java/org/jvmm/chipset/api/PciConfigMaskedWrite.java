package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A {@link PciConfigIntercept} that takes writes with byte enables, as PCI config cycles carry
 * them. The PCI host uses it when a device implements it; otherwise it merges a narrow guest
 * write into a dword read-modify-write, which would write back (and so clear) write-one-to-clear
 * status bits that share the dword. Every device with such bits (the command/status dword, PCIe
 * device/slot status) should implement this.
 */
@ConsumerType
public interface PciConfigMaskedWrite extends PciConfigIntercept {
    /**
     * Writes the bytes of {@code value} selected by {@code byteEnables} (bit i = byte i) to the
     * dword at {@code offset} (4-byte aligned, 0..4092); the other bytes are left untouched.
     */
    IoResult pciConfigWrite(int offset, int value, int byteEnables);
}
