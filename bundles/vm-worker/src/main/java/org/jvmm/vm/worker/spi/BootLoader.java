package org.jvmm.vm.worker.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Puts the guest's first code and data in memory and sets up the bootstrap processor (kernel
 * and initrd, firmware image, boot parameters, ACPI tables). Called once at launch, while the
 * processors are in their power-on state, and again after every reset.
 */
@ConsumerType
public interface BootLoader {
    void load(BootContext ctx) throws BootException;
}
