package org.jvmm.cli.impl.options;

import static org.jvmm.cli.impl.options.OptionRule.implemented;
import static org.jvmm.cli.impl.options.OptionRule.parsedOnly;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.cli.impl.spec.DeviceSpecParsers;
import org.jvmm.cli.impl.spec.DiskSpecParser;
import org.jvmm.cli.impl.spec.Numbers;
import picocli.CommandLine.Option;

/** Disks and storage controllers. */
public final class StorageOptions implements OptionGroup {
    static final String DISK_SYNTAX = "PATH | KIND:ARG[,ro][,dvd][,vtl2][,uh|uh-nvme][,pcie_port=P][,on=C][,nsid=N|lun=N]"
            + "[,relay=C[:L]]; KIND: mem:LEN, memdiff:DISK, file:PATH[;direct][;create=LEN], sql:PATH[;create=LEN],"
            + " sqldiff:PATH[;create]:DISK, autocache:[KEY]:DISK, blob:flat|vhd1:URL, crypt:xts-aes-256:KEYFILE:DISK,"
            + " prwrap:DISK";
    private static final String SCSI = "bundle storage-scsi";
    private static final String NVME = "bundle storage-nvme";
    private static final String OPENHCL = "OpenHCL support";

    @Option(names = "--disk", paramLabel = "DISK", description = "attach a disk (repeatable): " + DISK_SYNTAX)
    List<String> disk = new ArrayList<>();

    @Option(names = "--nvme", paramLabel = "DISK", description = "[deprecated] attach a disk via an NVMe controller")
    List<String> nvme = new ArrayList<>();

    @Option(names = "--nvme-pci", paramLabel = "PARAMS",
            description = "a named NVMe controller: id=NAME,pcie_port=PORT | id=NAME,vpci[=GUID][,vtl2]")
    List<String> nvmePci = new ArrayList<>();

    @Option(names = "--vmbus-scsi", paramLabel = "PARAMS", description = "a named VMBus SCSI controller: id=NAME[,sub_channels=N][,vtl2]")
    List<String> vmbusScsi = new ArrayList<>();

    @Option(names = "--openhcl-controller", paramLabel = "PARAMS", description = "an OpenHCL relay target: id=NAME,type=scsi|nvme[,guid=GUID]")
    List<String> openhclController = new ArrayList<>();

    @Option(names = "--scsi-sub-channels", paramLabel = "COUNT", description = "sub-channels of the SCSI controller (default: 0)")
    String scsiSubChannels;

    @Option(names = "--virtio-blk", paramLabel = "DISK", description = "attach a disk via virtio-blk (repeatable)")
    List<String> virtioBlk = new ArrayList<>();

    @Option(names = "--vhost-user", paramLabel = "SOCKET,PARAMS", description = "a vhost-user device: SOCKET,type=blk|fs|device_id=N[,...]")
    List<String> vhostUser = new ArrayList<>();

    @Option(names = "--ide", paramLabel = "DISK[,ro][,s][,dvd]", description = "attach an IDE drive (needs --pcat)")
    List<String> ide = new ArrayList<>();

    @Option(names = "--floppy", paramLabel = "DISK[,ro]", description = "attach a floppy drive (needs --pcat)")
    List<String> floppy = new ArrayList<>();

    @Option(names = "--cxl-test", paramLabel = "mem:LEN,pcie_port=NAME", description = "a CXL type-3 test endpoint")
    List<String> cxlTest = new ArrayList<>();

    public List<String> nvme() {
        return nvme;
    }

    public List<String> virtioBlk() {
        return virtioBlk;
    }

    @Override
    public String heading() {
        return "Storage";
    }

    @Override
    public List<OptionRule> rules(RuleContext ctx) {
        DiskSpecParser disks = new DiskSpecParser(ctx.env());
        return List.of(
                parsedOnly("--disk", "bundle storage-disk and " + SCSI, disks::parse),
                implemented("--nvme", v -> NvmeSpecs.check(v, ctx.env())),
                parsedOnly("--nvme-pci", NVME, DeviceSpecParsers::nvmeController),
                parsedOnly("--vmbus-scsi", SCSI, DeviceSpecParsers::scsiController),
                parsedOnly("--openhcl-controller", OPENHCL, DeviceSpecParsers::openhclController),
                parsedOnly("--scsi-sub-channels", SCSI, v -> Numbers.unsigned(v, Numbers.U16_MAX, "count")),
                implemented("--virtio-blk", v -> VirtioBlkSpecs.check(v, ctx.env())),
                parsedOnly("--vhost-user", "bundle devices-vhost-user", DeviceSpecParsers::vhostUser),
                parsedOnly("--ide", "bundle storage-ide", disks::parseIde),
                parsedOnly("--floppy", "bundle storage-floppy", disks::parseFloppy),
                parsedOnly("--cxl-test", "bundle devices-cxl", DeviceSpecParsers::cxlTest));
    }
}
