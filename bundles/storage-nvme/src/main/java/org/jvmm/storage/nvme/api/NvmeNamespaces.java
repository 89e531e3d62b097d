package org.jvmm.storage.nvme.api;

import java.util.List;
import org.jvmm.storage.disk.api.Disk;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The namespaces of a running NVMe controller. Adding or removing one puts its id in the
 * Changed Namespace List log page and raises a Namespace Attribute Changed asynchronous event, as
 * a controller whose namespaces are attached or detached does; Linux then rescans. Thread-safe.
 */
@ProviderType
public interface NvmeNamespaces {
    /** The controller's device name. */
    String name();

    /** The highest namespace id the controller accepts (ids are 1..this). */
    int maxNamespaceId();

    /** The namespaces present now, by id. */
    List<NvmeNamespaceInfo> namespaces();

    /**
     * Attaches {@code disk} as namespace {@code nsid}. On success the controller owns the disk
     * (it closes it when the namespace is removed or the controller closes); on failure the disk
     * is left to the caller.
     *
     * @param nsid     1..{@link #maxNamespaceId()}, or 0 for the lowest free id
     * @param readOnly write protect the namespace (it is also when the disk is read-only)
     * @return the namespace id used
     * @throws NvmeNamespaceException if the id is out of range or in use, no id is free, or the
     *                                disk's sector size is not a power of two from 512 to 65536
     */
    int addNamespace(int nsid, Disk disk, boolean readOnly) throws NvmeNamespaceException;

    /**
     * Detaches namespace {@code nsid}: commands for it fail with Invalid Namespace from now on;
     * its disk is closed once the I/O already started on it has finished.
     *
     * @throws NvmeNamespaceException if there is no such namespace
     */
    void removeNamespace(int nsid) throws NvmeNamespaceException;
}
