package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ProviderType;

/** Power requests from the guest's chipset (ACPI PM, keyboard-controller reset, port 0xCF9). */
@ProviderType
public interface PowerControl {
    void powerOff();

    void reset();

    /**
     * The guest asks the VMM to end with a process exit status (a test device such as QEMU's
     * {@code isa-debug-exit}); the VM stops as on power-off.
     */
    void exit(int status);
}
