package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** An interrupt line (an ISA IRQ or an IOAPIC input). Thread-safe. */
@ProviderType
public interface LineInterrupt {
    void setLevel(boolean high);

    /** An edge: high then low. */
    default void pulse() {
        setLevel(true);
        setLevel(false);
    }
}
