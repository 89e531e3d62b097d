package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * QEMU's firmware configuration interface on ports 0x510 (selector), 0x511 (data) and 0x514 (DMA
 * address, big-endian). Its items come from an {@code org.jvmm.chipset.api.FwCfgItems} resolve
 * input.
 */
@HandleType(kind = "chipset_device_handle", id = "fw_cfg")
public record FwCfgHandle() implements ResourceHandle {
    public static final int SELECTOR_PORT = 0x510, DATA_PORT = 0x511, DMA_PORT = 0x514;
}
