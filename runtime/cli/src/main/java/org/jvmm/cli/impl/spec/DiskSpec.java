package org.jvmm.cli.impl.spec;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * One {@code --disk}, {@code --nvme} or {@code --virtio-blk} value as OpenVMM's {@code DiskCli}:
 * {@code <kind>[,ro][,dvd][,vtl2][,uh|uh-nvme][,pcie_port=P][,on=C][,nsid=N|lun=N][,relay=C[:L]]}.
 */
public record DiskSpec(
        DiskKindSpec kind,
        boolean readOnly,
        boolean dvd,
        boolean vtl2,
        Optional<Underhill> underhill,
        Optional<String> pciePort,
        Optional<String> controller,
        OptionalLong nsid,
        OptionalInt lun,
        Optional<Relay> relay) {

    /** How an OpenHCL-relayed disk reaches VTL0. */
    public enum Underhill { SCSI, NVME }

    /** {@code relay=<controller>[:<location>]}. */
    public record Relay(String controller, OptionalLong location) {
    }
}
