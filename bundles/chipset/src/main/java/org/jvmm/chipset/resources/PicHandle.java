package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The cascaded 8259A pair at ports 0x20/0x21 and 0xA0/0xA1 with the edge/level control registers at
 * 0x4D0/0x4D1; its INTR output goes to the processors as ExtINT.
 */
@HandleType(kind = "chipset_device_handle", id = "pic")
public record PicHandle() implements ResourceHandle {
}
