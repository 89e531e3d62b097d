/**
 * Device access to guest memory: {@link org.jvmm.storage.nvme.impl.dma.Dma} never throws for a
 * guest-chosen address (it answers false or null outside RAM), and
 * {@link org.jvmm.storage.nvme.impl.dma.PrpMapper} turns PRP1/PRP2 and PRP lists into bounded
 * slices of guest RAM, or the NVMe status a bad list earns.
 */
package org.jvmm.storage.nvme.impl.dma;
