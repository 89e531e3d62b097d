package org.jvmm.cli.impl.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.resources.PcieSwitchConfig;

/**
 * {@code --pcie-root-complex}, {@code --pcie-root-port} and {@code --pcie-switch} as one
 * {@link PcieRootComplexHandle} (bundle pci): one root complex, segment 0. Options jvmm does not
 * implement ({@code segment} other than 0, {@code hdm}, {@code node}, {@code preserve_bars},
 * {@code acs}, {@code cxl}, {@code pasid}) are refused by name.
 */
public final class PcieTopologyParser {
    private PcieTopologyParser() {
    }

    /** Thrown with the option that is wrong. */
    public static final class TopologyException extends Exception {
        private final String option;

        TopologyException(String option, String message) {
            super(message);
            this.option = option;
        }

        public String option() {
            return option;
        }
    }

    public static Optional<PcieRootComplexHandle> parse(List<String> complexes, List<String> ports, List<String> switches)
            throws TopologyException {
        if (complexes.isEmpty()) {
            if (!ports.isEmpty()) {
                throw new TopologyException("--pcie-root-port", "needs --pcie-root-complex");
            }
            return Optional.empty();
        }
        if (complexes.size() > 1) {
            throw new TopologyException("--pcie-root-complex", "jvmm has one root complex (segment 0) for now");
        }
        KeyValues rc = spec("--pcie-root-complex", PcieSpecParsers.ROOT_COMPLEX, complexes.getFirst());
        refuse("--pcie-root-complex", rc, "hdm", "hdm_window_restrictions", "node", "preserve_bars");
        if (value("--pcie-root-complex", () -> rc.unsigned("segment", Numbers.U16_MAX)).orElse(0) != 0) {
            throw new TopologyException("--pcie-root-complex", "segment must be 0 (one root complex for now)");
        }
        String name = rc.positional();
        List<PcieRootPortConfig> rootPorts = new ArrayList<>();
        for (String p : ports) {
            rootPorts.add(rootPort(name, p));
        }
        List<PcieSwitchConfig> sw = new ArrayList<>();
        for (String s : switches) {
            sw.add(pcieSwitch(s));
        }
        try {
            PcieRootComplexHandle d = PcieRootComplexHandle.of(name);
            return Optional.of(new PcieRootComplexHandle(name,
                    (int) value("--pcie-root-complex", () -> rc.unsigned("start_bus", Numbers.U8_MAX)).orElse(d.startBus()),
                    (int) value("--pcie-root-complex", () -> rc.unsigned("end_bus", Numbers.U8_MAX)).orElse(d.endBus()),
                    d.ecamBase(), address(rc, "low_mmio_base", d.lowMmioBase()),
                    value("--pcie-root-complex", () -> rc.size("low_mmio")).orElse(d.lowMmioSize()),
                    address(rc, "high_mmio_base", d.highMmioBase()),
                    value("--pcie-root-complex", () -> rc.size("high_mmio")).orElse(d.highMmioSize()),
                    d.ioBase(), d.ioSize(), d.intxGsis(), rootPorts, sw));
        } catch (IllegalArgumentException e) {
            throw new TopologyException("--pcie-root-complex", e.getMessage());
        }
    }

    private static PcieRootPortConfig rootPort(String complex, String value) throws TopologyException {
        KeyValues kv = spec("--pcie-root-port", PcieSpecParsers.ROOT_PORT, value);
        refuse("--pcie-root-port", kv, "acs", "cxl", "pasid");
        String[] names = kv.positional().split(":", 2);
        if (!names[0].equals(complex)) {
            throw new TopologyException("--pcie-root-port", "no root complex named '" + names[0] + "'");
        }
        try {
            return new PcieRootPortConfig(names[1], kv.value("addr").orElse(null), kv.flag("hotplug"));
        } catch (IllegalArgumentException e) {
            throw new TopologyException("--pcie-root-port", e.getMessage());
        }
    }

    private static PcieSwitchConfig pcieSwitch(String value) throws TopologyException {
        KeyValues kv = spec("--pcie-switch", PcieSpecParsers.SWITCH, value);
        refuse("--pcie-switch", kv, "acs", "pasid");
        String[] names = kv.positional().split(":", 2);
        long ports = value("--pcie-switch", () -> kv.unsigned("num_downstream_ports", Numbers.U8_MAX)).orElse(4);
        try {
            return new PcieSwitchConfig(names[0], names[1], (int) ports, kv.flag("hotplug"));
        } catch (IllegalArgumentException e) {
            throw new TopologyException("--pcie-switch", e.getMessage());
        }
    }

    private static long address(KeyValues kv, String key, long otherwise) throws TopologyException {
        return value("--pcie-root-complex", () -> kv.value(key, Numbers::hexAddress)).map(Number::longValue)
                .orElse(otherwise);
    }

    private static void refuse(String option, KeyValues kv, String... keys) throws TopologyException {
        for (String k : keys) {
            if (kv.has(k)) {
                throw new TopologyException(option, k + " is not implemented yet");
            }
        }
    }

    private static KeyValues spec(String option, KeyValueSpec spec, String value) throws TopologyException {
        return value(option, () -> spec.parse(value));
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws SpecException;
    }

    private static <T> T value(String option, Step<T> step) throws TopologyException {
        try {
            return step.run();
        } catch (SpecException e) {
            throw new TopologyException(option, e.getMessage());
        }
    }
}
