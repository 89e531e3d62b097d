package org.jvmm.pci.resources;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A PCI Express root complex (segment 0), as OpenVMM's {@code --pcie-root-complex}: the host
 * bridge at 00:00.0, configuration mechanism #1 (ports 0xCF8/0xCFC) and ECAM, root ports and
 * switches. It resolves to a chipset device whose {@code pciHost()} attaches PCI functions.
 *
 * <p>Default layout of the PC MMIO hole (3 GiB .. 4 GiB):
 * <pre>
 * 0xC000_0000 - 0xDFFF_FFFF  32-bit BAR window (512 MiB)          lowMmioBase/lowMmioSize
 * 0xE000_0000 - 0xEFFF_FFFF  ECAM, buses 0..255 (1 MiB each)       ecamBase
 * 0xF000_0000 - 0xFEAF_FFFF  free
 * 0xFEB0_0000 -              virtio-mmio windows, then IOAPIC 0xFEC0_0000, LAPIC 0xFEE0_0000
 * </pre>
 * The 64-bit window ({@code highMmioSize}, 1 GiB by default) starts at {@code highMmioBase}, or
 * when that is 0 at the first 1 GiB boundary at or above both 4 GiB and the end of RAM; it holds
 * 64-bit prefetchable BARs. I/O BARs use ports {@code ioBase .. ioBase + ioSize - 1}
 * (0xC000..0xFFFF). INTx of root-bus device d, pin p (INTA = 0) goes to
 * {@code intxGsis[(d + p) % intxGsis.size()]} (GSIs 20..23 by default, leaving 16..19 to
 * virtio-mmio); functions behind bridges are swizzled up to their root-bus device.
 *
 * @param name         the chipset device's name (OpenVMM's root complex name), e.g. {@code rc0}
 * @param startBus     the root bus number
 * @param endBus       the last bus number; every port and switch port takes one bus
 * @param ecamBase     the ECAM address of bus 0 (the MCFG base), 1 MiB aligned, below 4 GiB
 * @param lowMmioBase  the 32-bit BAR window's base, 1 MiB aligned
 * @param lowMmioSize  its size, a multiple of 1 MiB
 * @param highMmioBase the 64-bit window's base (1 MiB aligned, at or above 4 GiB), 0 for automatic
 * @param highMmioSize its size (a multiple of 1 MiB), 0 for no 64-bit window
 * @param ioBase       the I/O BAR window's first port, 4 KiB aligned, at least 0x1000
 * @param ioSize       its size, a multiple of 4 KiB
 * @param intxGsis     1..8 distinct GSIs for INTx; null or empty for the default 20, 21, 22, 23
 * @param rootPorts    root ports
 * @param switches     switches
 */
@HandleType(kind = "chipset_device_handle", id = "pcie_root_complex")
public record PcieRootComplexHandle(String name, int startBus, int endBus, long ecamBase, long lowMmioBase,
        long lowMmioSize, long highMmioBase, long highMmioSize, int ioBase, int ioSize, List<Integer> intxGsis,
        List<PcieRootPortConfig> rootPorts, List<PcieSwitchConfig> switches) implements ResourceHandle {

    public static final long DEFAULT_ECAM_BASE = 0xE000_0000L;
    public static final long DEFAULT_LOW_MMIO_BASE = 0xC000_0000L;
    public static final long DEFAULT_LOW_MMIO_SIZE = 0x2000_0000L;
    public static final long DEFAULT_HIGH_MMIO_SIZE = 1L << 30;
    public static final int DEFAULT_IO_BASE = 0xC000;
    public static final int DEFAULT_IO_SIZE = 0x4000;
    public static final List<Integer> DEFAULT_INTX_GSIS = List.of(20, 21, 22, 23);
    private static final long MIB = 1L << 20;
    private static final long FOUR_GIB = 1L << 32;

    public PcieRootComplexHandle {
        Names.check("root complex", name);
        Names.range("startBus", startBus, 0, 255);
        Names.range("endBus", endBus, startBus, 255);
        Names.aligned("ecamBase", ecamBase, MIB);
        Names.range("ecamBase", ecamBase, MIB, FOUR_GIB - (endBus + 1L) * MIB);
        Names.aligned("lowMmioBase", lowMmioBase, MIB);
        Names.aligned("lowMmioSize", lowMmioSize, MIB);
        Names.range("lowMmioSize", lowMmioSize, MIB, FOUR_GIB);
        Names.range("lowMmioBase", lowMmioBase, MIB, FOUR_GIB - lowMmioSize);
        checkNoOverlap(ecamBase + startBus * MIB, (endBus - startBus + 1L) * MIB, lowMmioBase, lowMmioSize);
        Names.aligned("highMmioSize", highMmioSize, MIB);
        Names.range("highMmioSize", highMmioSize, 0, 1L << 46);
        if (highMmioBase != 0) {
            Names.aligned("highMmioBase", highMmioBase, MIB);
            Names.range("highMmioBase", highMmioBase, FOUR_GIB, (1L << 47) - highMmioSize);
        }
        Names.aligned("ioBase", ioBase, 0x1000);
        Names.aligned("ioSize", ioSize, 0x1000);
        Names.range("ioSize", ioSize, 0x1000, 0xF000);
        Names.range("ioBase", ioBase, 0x1000, 0x10000 - ioSize);
        intxGsis = intxGsis == null || intxGsis.isEmpty() ? DEFAULT_INTX_GSIS : List.copyOf(intxGsis);
        checkGsis(intxGsis);
        rootPorts = rootPorts == null ? List.of() : List.copyOf(rootPorts);
        switches = switches == null ? List.of() : List.copyOf(switches);
        checkTopology(rootPorts, switches, endBus - startBus);
    }

    /** A root complex with OpenVMM-like defaults and the layout above, without ports. */
    public static PcieRootComplexHandle of(String name) {
        return new PcieRootComplexHandle(name, 0, 255, DEFAULT_ECAM_BASE, DEFAULT_LOW_MMIO_BASE,
                DEFAULT_LOW_MMIO_SIZE, 0, DEFAULT_HIGH_MMIO_SIZE, DEFAULT_IO_BASE, DEFAULT_IO_SIZE, null, null, null);
    }

    /** This handle with one more root port. */
    public PcieRootComplexHandle withRootPort(PcieRootPortConfig port) {
        List<PcieRootPortConfig> list = new ArrayList<>(rootPorts);
        list.add(port);
        return new PcieRootComplexHandle(name, startBus, endBus, ecamBase, lowMmioBase, lowMmioSize, highMmioBase,
                highMmioSize, ioBase, ioSize, intxGsis, list, switches);
    }

    /** This handle with one more switch. */
    public PcieRootComplexHandle withSwitch(PcieSwitchConfig sw) {
        List<PcieSwitchConfig> list = new ArrayList<>(switches);
        list.add(sw);
        return new PcieRootComplexHandle(name, startBus, endBus, ecamBase, lowMmioBase, lowMmioSize, highMmioBase,
                highMmioSize, ioBase, ioSize, intxGsis, rootPorts, list);
    }

    /** The names of the ports devices can be placed behind: root ports and downstream ports. */
    public List<String> portNames() {
        List<String> names = new ArrayList<>();
        rootPorts.forEach(p -> names.add(p.name()));
        for (PcieSwitchConfig s : switches) {
            for (int i = 0; i < s.downstreamPorts(); i++) {
                names.add(s.downstreamPortName(i));
            }
        }
        return names;
    }

    private static void checkNoOverlap(long ecamStart, long ecamLength, long lowBase, long lowSize) {
        if (ecamStart < lowBase + lowSize && lowBase < ecamStart + ecamLength) {
            throw new IllegalArgumentException(Names.KEY + ": the ECAM (0x" + Long.toHexString(ecamStart)
                    + ") overlaps the 32-bit MMIO window (0x" + Long.toHexString(lowBase) + ")");
        }
    }

    private static void checkGsis(List<Integer> gsis) {
        if (gsis.size() > 8 || new HashSet<>(gsis).size() != gsis.size()) {
            throw new IllegalArgumentException(Names.KEY + ": intxGsis must be 1..8 distinct GSIs, got " + gsis);
        }
        gsis.forEach(g -> Names.range("intxGsis", g, 1, 255));
    }

    private static void checkTopology(List<PcieRootPortConfig> ports, List<PcieSwitchConfig> switches, int buses) {
        Set<String> names = new HashSet<>();
        Set<String> addrs = new HashSet<>();
        Map<String, String> linkPorts = new HashMap<>();
        for (PcieRootPortConfig p : ports) {
            unique(names, p.name());
            if (p.addr() != null && !addrs.add(p.device() + "." + p.function())) {
                throw new IllegalArgumentException(Names.KEY + ": two root ports at " + p.addr());
            }
            linkPorts.put(p.name(), null);
        }
        switches.forEach(s -> unique(names, s.name()));
        int busesNeeded = ports.size();
        List<PcieSwitchConfig> pending = new ArrayList<>(switches);
        while (!pending.isEmpty()) {
            PcieSwitchConfig s = pending.stream().filter(x -> linkPorts.containsKey(x.parent())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(Names.KEY + ": switch " + pending.get(0).name()
                            + ": parent port " + pending.get(0).parent() + " is unknown (or the switches form a"
                            + " cycle)"));
            pending.remove(s);
            if (linkPorts.put(s.parent(), s.name()) != null) {
                throw new IllegalArgumentException(Names.KEY + ": two switches behind port " + s.parent());
            }
            for (int i = 0; i < s.downstreamPorts(); i++) {
                unique(names, s.downstreamPortName(i));
                linkPorts.put(s.downstreamPortName(i), null);
            }
            busesNeeded += 1 + s.downstreamPorts();
        }
        if (busesNeeded > buses) {
            throw new IllegalArgumentException(Names.KEY + ": the ports and switches need " + busesNeeded
                    + " buses below the root bus, the bus range has " + buses);
        }
    }

    private static void unique(Set<String> names, String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException(Names.KEY + ": the name " + name + " is used twice");
        }
    }
}
