package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The 8254 interval timer at ports 0x40..0x43 with system control port B (0x61): channel 0 drives
 * ISA IRQ 0, channel 2 is gated and read back through port 0x61.
 */
@HandleType(kind = "chipset_device_handle", id = "pit")
public record PitHandle() implements ResourceHandle {
}
