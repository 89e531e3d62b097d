package org.jvmm.pci.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PciConfigIntercept;

/** Dword config accessors for tests. */
public final class Config {
    private Config() {
    }

    public static int read(PciConfigIntercept c, int offset) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, c.pciConfigRead(offset, v));
        return (int) v.get();
    }

    public static void write(PciConfigIntercept c, int offset, int value) {
        assertEquals(IoResult.OK, c.pciConfigWrite(offset, value));
    }
}
