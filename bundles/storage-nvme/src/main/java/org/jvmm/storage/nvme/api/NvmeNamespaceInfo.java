package org.jvmm.storage.nvme.api;

/**
 * One namespace of a controller.
 *
 * @param nsid        namespace id
 * @param sectorSize  bytes per logical block
 * @param sectorCount logical blocks
 * @param readOnly    write protected
 */
public record NvmeNamespaceInfo(int nsid, int sectorSize, long sectorCount, boolean readOnly) {
}
