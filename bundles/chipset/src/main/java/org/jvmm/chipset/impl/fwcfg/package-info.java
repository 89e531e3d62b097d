/**
 * QEMU fw_cfg: {@code FwCfg} (selector, data, DMA engine over guest memory) and {@code FwCfgDevice}
 * (ports 0x510/0x511/0x514), serving an {@code org.jvmm.chipset.api.FwCfgItems} input.
 */
package org.jvmm.chipset.impl.fwcfg;
