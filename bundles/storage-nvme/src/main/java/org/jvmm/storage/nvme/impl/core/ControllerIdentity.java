package org.jvmm.storage.nvme.impl.core;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.UUID;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;

/**
 * A controller's configuration with the handle's defaults applied.
 *
 * @param name        device name
 * @param subsystemId subsystem UUID (subsystem NQN, namespace identifiers)
 * @param serial      serial number, 1..20 ASCII characters
 * @param maxIoQueues I/O queue pairs
 * @param msixCount   MSI-X vectors
 */
public record ControllerIdentity(String name, UUID subsystemId, String serial, int maxIoQueues, int msixCount) {
    public static final String DEFAULT_NAME = "nvme";

    public static ControllerIdentity of(NvmeControllerHandle h) {
        String name = h.name() == null ? DEFAULT_NAME : h.name();
        UUID id = h.subsystemId() != null ? UUID.fromString(h.subsystemId())
                : UUID.nameUUIDFromBytes(("jvmm-nvme:" + name).getBytes(StandardCharsets.UTF_8));
        String serial = h.serial() != null ? h.serial()
                : id.toString().replace("-", "").substring(0, 20).toUpperCase(Locale.ROOT);
        int queues = h.maxIoQueues() == 0 ? NvmeControllerHandle.DEFAULT_IO_QUEUES : h.maxIoQueues();
        int msix = h.msixCount() == 0 ? Math.min(queues + 1, NvmeControllerHandle.MAX_MSIX) : h.msixCount();
        return new ControllerIdentity(name, id, serial, queues, msix);
    }

    /** The subsystem NQN of Identify Controller. */
    public String subsystemNqn() {
        return "nqn.2014-08.org.nvmexpress:uuid:" + subsystemId;
    }
}
