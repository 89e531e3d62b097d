package org.jvmm.pci.api;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A device's registers behind one BAR. {@link PciConfigSpace} checks every access first:
 * {@code offset} is inside the BAR, {@code size} is 1, 2, 4 or 8 (1, 2 or 4 for I/O) and the
 * access does not run past the BAR's end; MSI-X table and PBA accesses never reach the handler.
 * Called from VP threads without the config space's lock; implementations synchronise.
 */
@ConsumerType
public interface BarHandler {
    IoResult barRead(long offset, int size, IoValue out);

    IoResult barWrite(long offset, int size, long value);
}
