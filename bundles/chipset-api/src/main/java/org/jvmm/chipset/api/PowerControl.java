package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** Power requests from the guest's chipset (ACPI PM, keyboard-controller reset, port 0xCF9). */
@ProviderType
public interface PowerControl {
    void powerOff();

    void reset();
}
