package org.jvmm.cli.impl.spec;

/** Validators for the PCIe topology and passthrough options (parsed; not implemented yet). */
public final class PcieSpecParsers {
    private static final long CFMWS_VALID_BITS = 0x3F;
    static final KeyValueSpec ROOT_COMPLEX = KeyValueSpec.positional("name")
            .values("segment", "start_bus", "end_bus", "low_mmio", "high_mmio", "low_mmio_base",
                    "high_mmio_base", "hdm", "hdm_window_restrictions", "node")
            .flags("preserve_bars");
    static final KeyValueSpec ROOT_PORT = KeyValueSpec.positional("names")
            .values("addr", "acs").flags("hotplug", "cxl", "pasid");
    static final KeyValueSpec SWITCH = KeyValueSpec.positional("names")
            .values("num_downstream_ports", "acs").flags("hotplug", "pasid");
    private static final KeyValueSpec GENERIC_INITIATOR = KeyValueSpec.options().required("port", "node");
    private static final KeyValueSpec REMOTE = KeyValueSpec.positional("port_name")
            .values("socket", "hu", "controller");
    private static final KeyValueSpec VFIO = KeyValueSpec.options().required("host", "port")
            .values("iommu", "bar0", "bar1", "bar2", "bar3", "bar4", "bar5");
    private static final KeyValueSpec IOMMU = KeyValueSpec.options().required("id");
    private static final KeyValueSpec SMMU = KeyValueSpec.options().required("rc").flags("accel").values("oas");

    private PcieSpecParsers() {
    }

    /** {@code <name>[,segment=][,start_bus=][,end_bus=][,low_mmio=][,high_mmio=][,...]}. */
    public static void rootComplex(String s) throws SpecException {
        KeyValues kv = ROOT_COMPLEX.parse(s);
        kv.unsigned("segment", Numbers.U16_MAX);
        long start = kv.unsigned("start_bus", Numbers.U8_MAX).orElse(0);
        long end = kv.unsigned("end_bus", Numbers.U8_MAX).orElse(255);
        if (start > end) {
            throw new SpecException("start_bus must be <= end_bus");
        }
        if (kv.size("low_mmio").orElse(0) > Numbers.U32_MAX) {
            throw new SpecException("low MMIO size exceeds 32 bits");
        }
        kv.size("high_mmio");
        kv.size("hdm");
        kv.value("low_mmio_base", Numbers::hexAddress);
        kv.value("high_mmio_base", Numbers::hexAddress);
        kv.value("hdm_window_restrictions", PcieSpecParsers::cfmwsMask);
        kv.unsigned("node", Numbers.U32_MAX);
    }

    /** {@code <root_complex>:<name>[,addr=dev[.fn]][,hotplug][,acs=][,cxl][,pasid]}. */
    public static void rootPort(String s) throws SpecException {
        KeyValues kv = ROOT_PORT.parse(s);
        namePair(kv.positional());
        kv.value("addr", PcieSpecParsers::devfn);
        kv.value("acs", v -> Numbers.decimalOrHex(v, Numbers.U16_MAX, "ACS capability mask"));
    }

    /** {@code <port>:<name>[,num_downstream_ports=][,hotplug][,acs=][,pasid]}. */
    public static void pcieSwitch(String s) throws SpecException {
        KeyValues kv = SWITCH.parse(s);
        namePair(kv.positional());
        kv.unsigned("num_downstream_ports", Numbers.U8_MAX);
        kv.value("acs", v -> Numbers.decimalOrHex(v, Numbers.U16_MAX, "ACS capability mask"));
    }

    /** {@code port=<name>,node=<node>}. */
    public static void genericInitiator(String s) throws SpecException {
        GENERIC_INITIATOR.parse(s).unsigned("node", Numbers.U32_MAX);
    }

    /** {@code <port>[,socket=][,hu=][,controller=]}. */
    public static void remote(String s) throws SpecException {
        KeyValues kv = REMOTE.parse(s);
        kv.unsigned("hu", Numbers.U16_MAX);
        kv.unsigned("controller", Numbers.U16_MAX);
    }

    /** {@code host=<bdf>,port=<name>[,iommu=<id>][,barN=host|0x<addr>]}. */
    public static void vfio(String s) throws SpecException {
        KeyValues kv = VFIO.parse(s);
        String host = kv.value("host").orElseThrow();
        if (host.contains("/") || host.contains("..")) {
            throw new SpecException("PCI address must not contain path separators");
        }
        for (int i = 0; i < 6; i++) {
            kv.value("bar" + i, PcieSpecParsers::barAddress);
        }
    }

    /** {@code id=<name>}. */
    public static void iommu(String s) throws SpecException {
        IOMMU.parse(s);
    }

    /** {@code rc=<name>[,accel][,oas=auto|N]} (aarch64 guests). */
    public static void smmu(String s) throws SpecException {
        SMMU.parse(s).value("oas", v -> v.equals("auto") ? 0 : Numbers.unsigned(v, Numbers.U8_MAX, "oas"));
    }

    /** {@code dev[.fn]}, dev 0-31 and fn 0-7, each decimal or 0x hex. */
    static long devfn(String s) throws SpecException {
        String[] p = s.split("\\.", -1);
        if (p.length > 2) {
            throw new SpecException("unexpected token in addr '" + s + "'");
        }
        long dev = Numbers.decimalOrHex(p[0], Numbers.U8_MAX, "device number");
        long fn = p.length == 2 ? Numbers.decimalOrHex(p[1], Numbers.U8_MAX, "function number") : 0;
        if (dev > 31) {
            throw new SpecException("device number " + dev + " out of range (0-31)");
        }
        if (fn > 7) {
            throw new SpecException("function number " + fn + " out of range (0-7)");
        }
        return dev << 3 | fn;
    }

    private static void namePair(String s) throws SpecException {
        String[] p = s.split(":", -1);
        if (p[0].isEmpty()) {
            throw new SpecException("expected parent name");
        }
        if (p.length < 2 || p[1].isEmpty()) {
            throw new SpecException("expected child name");
        }
        if (p.length > 2) {
            throw new SpecException("unexpected token in '" + s + "'");
        }
    }

    private static long cfmwsMask(String s) throws SpecException {
        long bits = Numbers.decimalOrHex(s, Numbers.U16_MAX, "bitmask");
        if ((bits & ~CFMWS_VALID_BITS) != 0) {
            throw new SpecException("bitmask includes reserved CFMWS window restriction bits");
        }
        return bits;
    }

    private static long barAddress(String s) throws SpecException {
        if (s.equals("host")) {
            return 0;
        }
        if (Numbers.stripHexPrefix(s) == null || !s.startsWith("0x")) {
            throw new SpecException("expected 'host' or a hexadecimal address starting with '0x'");
        }
        long a = Numbers.hexAddress(s);
        if (a == 0) {
            throw new SpecException("BAR address must be nonzero");
        }
        return a;
    }
}
