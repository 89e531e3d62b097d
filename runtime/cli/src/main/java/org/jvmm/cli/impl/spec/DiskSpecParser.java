package org.jvmm.cli.impl.spec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Parses disk options: {@code --disk}/{@code --nvme}/{@code --virtio-blk} ({@link DiskSpec}),
 * {@code --ide}, {@code --floppy} and {@code --vmgs}, with OpenVMM's rules for which flags go
 * together.
 */
public final class DiskSpecParser {
    private static final KeyValueSpec DISK = KeyValueSpec.positional("kind")
            .flags("ro", "dvd", "vtl2", "uh", "uh-nvme")
            .values("pcie_port", "on", "nsid", "lun", "relay");
    private static final KeyValueSpec FLOPPY = KeyValueSpec.positional("kind").flags("ro");

    private final DiskKindParser kinds;

    public DiskSpecParser(Map<String, String> env) {
        this.kinds = new DiskKindParser(env);
    }

    public DiskSpec parse(String s) throws SpecException {
        KeyValues kv = DISK.parse(s);
        DiskKindSpec kind = kinds.parse(kv.positional());
        Optional<DiskSpec.Underhill> uh = underhill(kv.flag("uh"), kv.flag("uh-nvme"));
        boolean dvd = kv.flag("dvd");
        boolean vtl2 = kv.flag("vtl2");
        Optional<String> pciePort = kv.value("pcie_port");
        Optional<String> on = kv.value("on");
        OptionalLong nsid = kv.unsigned("nsid", Numbers.U32_MAX);
        OptionalInt lun = toInt(kv.unsigned("lun", Numbers.U8_MAX));
        Optional<DiskSpec.Relay> relay = kv.value("relay", DiskSpecParser::relay);
        DiskSpec d = new DiskSpec(kind, kv.flag("ro") || dvd, dvd, vtl2, uh, pciePort, on, nsid, lun, relay);
        checkCombinations(d);
        return d;
    }

    /** {@code --ide <kind>[,ro][,p|s][,0|1][,dvd]}. */
    public void parseIde(String s) throws SpecException {
        String[] opts = s.split(",", -1);
        kinds.parse(opts[0]);
        for (int i = 1; i < opts.length; i++) {
            String opt = opts[i].split("=", -1)[0];
            switch (opt) {
                case "ro", "p", "s", "0", "1", "dvd" -> {
                }
                default -> throw new SpecException("unknown option: '" + opt + "'");
            }
        }
    }

    /** {@code --floppy <kind>[,ro]}. */
    public DiskKindSpec parseFloppy(String s) throws SpecException {
        return kinds.parse(FLOPPY.parse(s).positional());
    }

    /** {@code --vmgs <kind>[,fmt|fmt-on-fail]}. */
    public DiskKindSpec parseVmgs(String s) throws SpecException {
        int comma = s.indexOf(',');
        if (comma >= 0) {
            String opt = s.substring(comma + 1);
            if (!opt.equals("fmt") && !opt.equals("fmt-on-fail")) {
                throw new SpecException("unknown option: '" + opt + "'");
            }
        }
        return kinds.parse(comma < 0 ? s : s.substring(0, comma));
    }

    private static Optional<DiskSpec.Underhill> underhill(boolean scsi, boolean nvme) throws SpecException {
        if (scsi && nvme) {
            throw new SpecException("`uh` and `uh-nvme` are mutually exclusive");
        }
        return scsi ? Optional.of(DiskSpec.Underhill.SCSI)
                : nvme ? Optional.of(DiskSpec.Underhill.NVME) : Optional.empty();
    }

    private static void checkCombinations(DiskSpec d) throws SpecException {
        boolean uh = d.underhill().isPresent();
        boolean on = d.controller().isPresent();
        fail(uh && d.vtl2(), "`uh` or `uh-nvme` is incompatible with `vtl2`");
        fail(d.pciePort().isPresent() && (uh || d.vtl2() || d.dvd()),
                "`pcie_port` is incompatible with `uh`, `uh-nvme`, `vtl2`, and `dvd`");
        fail(on && d.pciePort().isPresent(), "`on` is incompatible with `pcie_port`");
        fail(on && d.vtl2(), "`vtl2` is incompatible with `on`; the controller's VTL determines placement");
        fail(on && uh, "`on` is incompatible with `uh` and `uh-nvme`; use `relay` instead");
        fail(d.nsid().isPresent() && !on, "`nsid` requires `on`");
        fail(d.lun().isPresent() && !on, "`lun` requires `on`");
        fail(d.nsid().isPresent() && d.lun().isPresent(), "`nsid` and `lun` are mutually exclusive");
        fail(d.relay().isPresent() && !on, "`relay` requires `on`");
    }

    private static DiskSpec.Relay relay(String s) throws SpecException {
        int colon = s.indexOf(':');
        if (colon < 0) {
            return new DiskSpec.Relay(s, OptionalLong.empty());
        }
        long loc = Numbers.unsigned(s.substring(colon + 1), Numbers.U32_MAX, "relay location");
        return new DiskSpec.Relay(s.substring(0, colon), OptionalLong.of(loc));
    }

    private static OptionalInt toInt(OptionalLong v) {
        return v.isPresent() ? OptionalInt.of((int) v.getAsLong()) : OptionalInt.empty();
    }

    private static void fail(boolean condition, String reason) throws SpecException {
        if (condition) {
            throw new SpecException(reason);
        }
    }
}
