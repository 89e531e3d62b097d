package org.jvmm.storage.nvme.resources;

import org.jvmm.vmm.resource.ResourceHandle;

/**
 * One namespace of an NVMe controller (OpenVMM's {@code NamespaceDefinition}).
 *
 * @param nsid     the namespace id, 1..{@link NvmeControllerHandle#MAX_NAMESPACES}
 * @param disk     a {@code disk_handle}: the namespace's blocks are the disk's sectors
 * @param readOnly the namespace is write protected (also when the disk itself is read-only)
 */
public record NvmeNamespaceConfig(int nsid, ResourceHandle disk, boolean readOnly) {
    public NvmeNamespaceConfig {
        if (nsid < 1 || nsid > NvmeControllerHandle.MAX_NAMESPACES) {
            throw new IllegalArgumentException(NvmeControllerHandle.KEY + ": namespace id must be 1.."
                    + NvmeControllerHandle.MAX_NAMESPACES + ", got " + nsid);
        }
        if (disk == null) {
            throw new IllegalArgumentException(NvmeControllerHandle.KEY + ": namespace " + nsid + " needs a disk");
        }
        if (!"disk_handle".equals(disk.kind())) {
            throw new IllegalArgumentException(NvmeControllerHandle.KEY + ": namespace " + nsid
                    + " must be a disk_handle, got " + disk.key());
        }
    }
}
