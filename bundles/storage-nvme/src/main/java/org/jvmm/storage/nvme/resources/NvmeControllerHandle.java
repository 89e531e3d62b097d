package org.jvmm.storage.nvme.resources;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * An NVMe controller on PCI (OpenVMM's {@code NvmeControllerHandle}). Zero or null fields take
 * their defaults.
 *
 * @param name        the device's name in the VM (its chipset device name, used by the shell to
 *                    find it); null means {@code nvme}
 * @param subsystemId the subsystem UUID, reported in the subsystem NQN
 *                    ({@code nqn.2014-08.org.nvmexpress:uuid:<id>}) and the source of the
 *                    namespaces' NGUID, EUI-64 and UUID; null derives a stable one from {@code name}
 * @param serial      the serial number: 1..20 printable ASCII characters; null derives one from
 *                    the subsystem id
 * @param maxIoQueues I/O submission and completion queue pairs offered, 1..{@link #MAX_IO_QUEUES};
 *                    0 means {@link #DEFAULT_IO_QUEUES}
 * @param msixCount   MSI-X vectors, 1..{@link #MAX_MSIX}; 0 means {@code maxIoQueues + 1}
 * @param namespaces  the namespaces present at start, with distinct ids
 */
@HandleType(kind = "pci_device_handle", id = "nvme")
public record NvmeControllerHandle(String name, String subsystemId, String serial, int maxIoQueues, int msixCount,
        List<NvmeNamespaceConfig> namespaces) implements ResourceHandle {
    /** Highest namespace id (Identify Controller NN). */
    public static final int MAX_NAMESPACES = 256;
    public static final int MAX_IO_QUEUES = 256;
    public static final int DEFAULT_IO_QUEUES = 16;
    public static final int MAX_MSIX = 2048;
    static final String KEY = "pci_device_handle:nvme";

    public NvmeControllerHandle {
        if (name != null && (name.isBlank() || name.contains("/"))) {
            throw new IllegalArgumentException(KEY + ": name must be non-empty without '/', got '" + name + "'");
        }
        if (subsystemId != null) {
            checkUuid(subsystemId);
        }
        if (serial != null && !serial.matches("[\\x20-\\x7E]{1,20}")) {
            throw new IllegalArgumentException(KEY + ": serial must be 1..20 printable ASCII characters, got '"
                    + serial + "'");
        }
        if (maxIoQueues < 0 || maxIoQueues > MAX_IO_QUEUES) {
            throw new IllegalArgumentException(KEY + ": maxIoQueues must be 1.." + MAX_IO_QUEUES
                    + " (0 for the default), got " + maxIoQueues);
        }
        if (msixCount < 0 || msixCount > MAX_MSIX) {
            throw new IllegalArgumentException(KEY + ": msixCount must be 1.." + MAX_MSIX
                    + " (0 for the default), got " + msixCount);
        }
        namespaces = namespaces == null ? List.of() : List.copyOf(namespaces);
        Set<Integer> ids = new HashSet<>();
        for (NvmeNamespaceConfig ns : namespaces) {
            if (!ids.add(ns.nsid())) {
                throw new IllegalArgumentException(KEY + ": namespace id " + ns.nsid() + " is used twice");
            }
        }
    }

    /** A controller with default settings and these namespaces. */
    public static NvmeControllerHandle of(List<NvmeNamespaceConfig> namespaces) {
        return new NvmeControllerHandle(null, null, null, 0, 0, namespaces);
    }

    private static void checkUuid(String id) {
        try {
            if (!UUID.fromString(id).toString().equalsIgnoreCase(id)) {
                throw new IllegalArgumentException("not canonical");
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(KEY + ": subsystemId must be a UUID"
                    + " (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx), got '" + id + "'", e);
        }
    }
}
