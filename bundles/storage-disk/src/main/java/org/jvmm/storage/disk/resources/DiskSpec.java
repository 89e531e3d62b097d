package org.jvmm.storage.disk.resources;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A parsed {@code --disk}, {@code --nvme} or {@code --virtio-blk} argument (OpenVMM's
 * {@code DiskCli}), see {@link DiskSpecParser}.
 *
 * @param disk       the {@code disk_handle} to resolve
 * @param readOnly   {@code ro} or {@code dvd}: the guest sees a read-only device
 * @param dvd        {@code dvd}: a CD/DVD drive
 * @param pciePort   {@code pcie_port=NAME}: the PCIe root port to attach to
 * @param controller {@code on=NAME}: the named controller to attach to
 * @param nsid       {@code nsid=N}: the NVMe namespace id (needs {@code on})
 * @param lun        {@code lun=N}: the SCSI LUN (needs {@code on})
 */
public record DiskSpec(ResourceHandle disk, boolean readOnly, boolean dvd, Optional<String> pciePort,
        Optional<String> controller, OptionalLong nsid, OptionalInt lun) {
    public DiskSpec {
        Objects.requireNonNull(disk, "disk");
        Objects.requireNonNull(pciePort, "pciePort");
        Objects.requireNonNull(controller, "controller");
        Objects.requireNonNull(nsid, "nsid");
        Objects.requireNonNull(lun, "lun");
    }
}
