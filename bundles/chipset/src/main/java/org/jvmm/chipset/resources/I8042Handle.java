package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The i8042 keyboard controller at ports 0x60/0x64 (IRQ 1 and 12): self-test, command byte, the
 * reset line and the A20 gate, and a keyboard and mouse that answer Linux's probes.
 */
@HandleType(kind = "chipset_device_handle", id = "i8042")
public record I8042Handle() implements ResourceHandle {
}
