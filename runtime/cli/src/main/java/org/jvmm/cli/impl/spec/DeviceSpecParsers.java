package org.jvmm.cli.impl.spec;

/**
 * Validators for device options that jvmm parses but does not implement yet: virtio-fs/9p/pmem,
 * vsock, vhost-user, named storage controllers, CXL test devices and VFIO.
 */
public final class DeviceSpecParsers {
    private static final KeyValueSpec NVME_PCI = KeyValueSpec.options().required("id")
            .values("pcie_port").optionalValue("vpci").flags("vtl2");
    private static final KeyValueSpec VMBUS_SCSI = KeyValueSpec.options().required("id")
            .values("sub_channels").flags("vtl2");
    private static final KeyValueSpec OPENHCL_CONTROLLER = KeyValueSpec.options().required("id", "type")
            .values("guid");
    private static final KeyValueSpec VHOST_USER = KeyValueSpec.positional("socket_path")
            .values("type", "device_id", "tag", "pcie_port", "num_queues", "queue_size", "queue_sizes");

    private DeviceSpecParsers() {
    }

    /** {@code [pcie_port=P:]tag,path} ({@code --virtio-9p}, {@code --virtio-fs-shmem}). */
    public static void fsArgs(String s) throws SpecException {
        String[] p = ValueChecks.pciePortPrefix(s).rest().split(",", -1);
        if (p.length != 2) {
            throw new SpecException("expected [pcie_port=<port>:]<tag>,<path>");
        }
    }

    /** A {@code --virtio-9p} or {@code --virtio-fs} share: the tag, the host directory and whether the guest may not write. */
    public record P9Share(String pciePort, String tag, String path, boolean readOnly) {
    }

    /** {@code [pcie_port=P:]tag,path[,ro]} ({@code --virtio-fs}), the tag at most {@code maxTag} bytes. */
    public static P9Share fsShare(String s, org.jvmm.cli.impl.options.RuleContext ctx, int maxTag) throws SpecException {
        P9Share share = p9Args(s, ctx);
        if (share.tag().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > maxTag) {
            throw new SpecException("tag '" + share.tag() + "' is longer than " + maxTag + " bytes");
        }
        return share;
    }

    /** {@code [pcie_port=P:]tag,path[,ro]} ({@code --virtio-9p}); the directory must exist when {@code ctx} checks files. */
    public static P9Share p9Args(String s, org.jvmm.cli.impl.options.RuleContext ctx) throws SpecException {
        ValueChecks.PciePrefixed prefixed = ValueChecks.pciePortPrefix(s);
        String[] p = prefixed.rest().split(",", -1);
        if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty() || p.length == 3 && !p[2].equals("ro")) {
            throw new SpecException("expected [pcie_port=<port>:]<tag>,<path>[,ro]");
        }
        if (ctx != null && ctx.checkGuestFiles() && !java.nio.file.Files.isDirectory(java.nio.file.Path.of(p[1]))) {
            throw new SpecException("'" + p[1] + "' is not a directory");
        }
        return new P9Share(prefixed.pciePort(), p[0], p[1], p.length == 3);
    }

    /** {@code [pcie_port=P:]tag,path[,options...]} ({@code --virtio-fs}). */
    public static void fsArgsWithOptions(String s) throws SpecException {
        if (ValueChecks.pciePortPrefix(s).rest().split(",", -1).length < 2) {
            throw new SpecException("expected [pcie_port=<port>:]<tag>,<path>[,<options>]");
        }
    }

    /** {@code [pcie_port=P:]path} ({@code --virtio-pmem}). */
    public static void pmem(String s) throws SpecException {
        if (ValueChecks.pciePortPrefix(s).rest().isEmpty()) {
            throw new SpecException("expected [pcie_port=<port>:]<path>");
        }
    }

    /** A vhost vsock CID, 3 to 2^32-2. */
    public static void vsockCid(String s) throws SpecException {
        long cid = Numbers.unsigned(s, Numbers.U32_MAX, "CID");
        if (cid < 3 || cid == Numbers.U32_MAX) {
            throw new SpecException("CID must be between 3 and " + (Numbers.U32_MAX - 1));
        }
    }

    /** {@code id=<name>,pcie_port=<port>|vpci[=<guid>][,vtl2]}. */
    public static void nvmeController(String s) throws SpecException {
        KeyValues kv = NVME_PCI.parse(s);
        if (kv.has("pcie_port") == kv.has("vpci")) {
            throw new SpecException("exactly one of 'pcie_port' or 'vpci' must be specified");
        }
        String guid = kv.value("vpci").orElse("");
        if (!guid.isEmpty()) {
            kv.value("vpci", ValueChecks::guid);
        }
    }

    /** {@code id=<name>[,sub_channels=<N>][,vtl2]}. */
    public static void scsiController(String s) throws SpecException {
        VMBUS_SCSI.parse(s).unsigned("sub_channels", Numbers.U16_MAX);
    }

    /** {@code id=<name>,type=scsi|nvme[,guid=<guid>]}. */
    public static void openhclController(String s) throws SpecException {
        KeyValues kv = OPENHCL_CONTROLLER.parse(s);
        kv.value("type", v -> ValueChecks.choice(v, "scsi", "nvme"));
        kv.value("guid", ValueChecks::guid);
    }

    /** {@code mem:<len>,pcie_port=<name>} ({@code --cxl-test}). */
    public static void cxlTest(String s) throws SpecException {
        String[] opts = s.split(",", -1);
        if (!opts[0].startsWith("mem:")) {
            throw new SpecException(opts[0].contains(":") ? "unsupported CXL test backing kind '"
                    + opts[0].substring(0, opts[0].indexOf(':')) + "', expected 'mem'" : "expected CXL test syntax: mem:<len>");
        }
        SizeParser.parseDiskLength(opts[0].substring(4));
        boolean port = false;
        for (int i = 1; i < opts.length; i++) {
            if (!opts[i].startsWith("pcie_port=")) {
                throw new SpecException("unknown option: '" + opts[i] + "'");
            }
            if (opts[i].length() == "pcie_port=".length()) {
                throw new SpecException("`pcie_port` requires a port name");
            }
            port = true;
        }
        if (!port) {
            throw new SpecException("`pcie_port=<name>` is required for `--cxl-test`");
        }
    }

    /** {@code <socket>,type=blk|fs|device_id=N[,tag=][,num_queues=][,queue_size=][,queue_sizes=[..]][,pcie_port=]}. */
    public static void vhostUser(String s) throws SpecException {
        KeyValues kv = VHOST_USER.parse(s);
        kv.unsigned("device_id", Numbers.U16_MAX);
        kv.unsigned("num_queues", Numbers.U16_MAX);
        kv.unsigned("queue_size", Numbers.U16_MAX);
        kv.value("queue_sizes", DeviceSpecParsers::u16List);
        if (kv.has("type") == kv.has("device_id")) {
            throw new SpecException("must specify type=<name> or device_id=<N>");
        }
        String type = kv.value("type").orElse("");
        switch (type) {
            case "fs" -> require(kv.has("tag"), "type=fs requires tag=<name>");
            case "blk" -> require(!kv.has("tag"), "tag= is only valid for type=fs");
            case "" -> {
                require(kv.has("queue_sizes"), "device_id= requires queue_sizes=[N,N,...]");
                require(!kv.has("tag"), "tag= is only valid for type=fs");
                require(!kv.has("num_queues") && !kv.has("queue_size"),
                        "num_queues= and queue_size= are not valid for device_id=; use queue_sizes=");
            }
            default -> throw new SpecException("unknown vhost-user device type: '" + type + "'");
        }
        require(type.isEmpty() || !kv.has("queue_sizes"), "queue_sizes= is only valid for device_id=");
    }

    private static String u16List(String s) throws SpecException {
        if (!s.startsWith("[") || !s.endsWith("]") || s.length() == 2) {
            throw new SpecException(s.length() == 2 ? "queue_sizes must be non-empty"
                    : "expected bracket syntax like [a,b,c], got '" + s + "'");
        }
        for (String item : s.substring(1, s.length() - 1).split(",", -1)) {
            Numbers.unsigned(item.trim(), Numbers.U16_MAX, "list item");
        }
        return s;
    }

    private static void require(boolean ok, String reason) throws SpecException {
        if (!ok) {
            throw new SpecException(reason);
        }
    }
}
