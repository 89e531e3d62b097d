package org.jvmm.pci.impl.firmware;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.pci.api.PciRegisters;
import org.jvmm.pci.impl.topology.BridgeFunction;
import org.jvmm.pci.impl.topology.ConfigFunction;
import org.jvmm.pci.impl.topology.EndpointFunction;
import org.jvmm.pci.impl.topology.PciBus;

/**
 * One firmware pass over the whole hierarchy, through config cycles as a BIOS would make them:
 * bus numbers depth-first; decoding off everywhere; BARs probed; bridge windows sized bottom-up
 * (at least {@link #HOTPLUG_LOW} / {@link #HOTPLUG_HIGH} on hot-plug ports, so the guest can
 * place a hot-added device) and placed top-down; then BARs, windows, interrupt lines and
 * command registers written, memory/I/O decoding on for every function whose BARs all fit.
 * Guarded by the root complex's lock.
 */
public final class ResourceAssigner {
    /** 32-bit memory reserved behind a hot-plug port. */
    public static final long HOTPLUG_LOW = 8L << 20;
    /** 64-bit prefetchable memory reserved behind a hot-plug port (when there is a 64-bit window). */
    public static final long HOTPLUG_HIGH = 32L << 20;

    /** The GSI an INTx pin of the function at devfn on a bus reaches. */
    @FunctionalInterface
    public interface GsiLookup {
        int gsi(PciBus bus, int devfn, int pin);
    }

    private final PciBus root;
    private final int rootBusNumber;
    private final Windows windows;
    private final GsiLookup gsis;
    private final Map<ConfigFunction, List<Request>> result = new LinkedHashMap<>();

    public ResourceAssigner(PciBus root, int rootBusNumber, Windows windows, GsiLookup gsis) {
        this.root = root;
        this.rootBusNumber = rootBusNumber;
        this.windows = windows;
        this.gsis = gsis;
    }

    /** Runs the pass; returns per function (endpoints and bridges) what it got, for inspection. */
    public Map<ConfigFunction, List<String>> run() {
        assignBusNumbers(root, rootBusNumber, rootBusNumber + 1);
        disableDecoding(root);
        BusNode top = collect(root);
        for (Space s : Space.values()) {
            if (s != Space.HIGH || windows.hasHigh()) {
                Request.place(top.requests(s), windows.base(s), windows.end(s));
            }
        }
        placeBelow(top);
        program(top);
        Map<ConfigFunction, List<String>> out = new LinkedHashMap<>();
        result.forEach((f, reqs) -> out.put(f, reqs.stream().map(ResourceAssigner::describe).toList()));
        return out;
    }

    /** Assigns bus numbers below {@code bus}; returns the next free number. */
    private static int assignBusNumbers(PciBus bus, int number, int next) {
        for (BridgeFunction b : bus.bridges()) {
            int secondary = next++;
            b.write(PciRegisters.BRIDGE_BUS_NUMBERS, number | secondary << 8 | 0xFF << 16, 0x7);
            next = assignBusNumbers(b.secondaryBus(), secondary, next);
            b.write(PciRegisters.BRIDGE_BUS_NUMBERS, number | secondary << 8 | next - 1 << 16, 0x7);
        }
        return next;
    }

    private static void disableDecoding(PciBus bus) {
        for (int devfn : bus.occupied()) {
            ConfigFunction f = bus.at(devfn);
            int command = f.read(PciRegisters.COMMAND) & 0xFFFF;
            f.write(PciRegisters.COMMAND, command & ~(PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY), 0x3);
            if (f instanceof BridgeFunction b) {
                disableDecoding(b.secondaryBus());
            }
        }
    }

    private BusNode collect(PciBus bus) {
        BusNode node = new BusNode(bus);
        for (int devfn : bus.occupied()) {
            ConfigFunction f = bus.at(devfn);
            if (f instanceof BridgeFunction b) {
                BridgeNode child = new BridgeNode(b, collect(b.secondaryBus()));
                sizeWindows(child);
                node.bridges.add(child);
                for (Request w : child.windows) {
                    if (w != null) {
                        node.requests.add(w);
                    }
                }
            } else if (f instanceof EndpointFunction) {
                List<Request> bars = BarProbe.probe(f, windows.hasHigh());
                node.requests.addAll(bars);
                result.put(f, bars);
            }
        }
        return node;
    }

    private void sizeWindows(BridgeNode bn) {
        for (Space s : Space.values()) {
            if (s == Space.HIGH && !windows.hasHigh()) {
                continue;
            }
            List<Request> inside = bn.below.requests(s);
            long size = Request.packedLength(inside);
            if (bn.bridge.hotPlug()) {
                size = Math.max(size, s == Space.LOW ? HOTPLUG_LOW : s == Space.HIGH ? HOTPLUG_HIGH : 0);
            }
            if (size > 0) {
                long align = s.granularity();
                for (Request r : inside) {
                    align = Math.max(align, r.align);
                }
                bn.windows[s.ordinal()] = new Request(s, Request.alignUp(size, s.granularity()), align, bn.bridge, -1,
                        s == Space.HIGH);
            }
        }
        result.put(bn.bridge, java.util.Arrays.stream(bn.windows).filter(w -> w != null).toList());
    }

    private static void placeBelow(BusNode node) {
        for (BridgeNode bn : node.bridges) {
            for (Space s : Space.values()) {
                Request w = bn.windows[s.ordinal()];
                if (w != null && w.assigned()) {
                    Request.place(bn.below.requests(s), w.address, w.address + w.size);
                } else {
                    bn.below.requests(s).forEach(r -> r.address = -1);
                }
            }
            placeBelow(bn.below);
        }
    }

    private void program(BusNode node) {
        for (int devfn : node.bus.occupied()) {
            ConfigFunction f = node.bus.at(devfn);
            if (f instanceof EndpointFunction) {
                programEndpoint(f, node.bus, devfn, result.get(f));
            }
        }
        for (BridgeNode bn : node.bridges) {
            programBridge(bn, node.bus);
            program(bn.below);
        }
    }

    private void programEndpoint(ConfigFunction f, PciBus bus, int devfn, List<Request> bars) {
        boolean memory = false;
        boolean io = false;
        boolean memoryMissing = false;
        boolean ioMissing = false;
        for (Request r : bars) {
            int off = PciRegisters.BAR0 + 4 * r.register;
            long address = Math.max(r.address, 0);
            f.write(off, (int) address, 0xF);
            if (r.is64) {
                f.write(off + 4, (int) (address >>> 32), 0xF);
            }
            if (r.space == Space.IO) {
                io = true;
                ioMissing |= !r.assigned();
            } else {
                memory = true;
                memoryMissing |= !r.assigned();
            }
        }
        int command = f.read(PciRegisters.COMMAND) & 0xFFFF
                & ~(PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY);
        command |= (memory && !memoryMissing ? PciRegisters.COMMAND_MEMORY : 0)
                | (io && !ioMissing ? PciRegisters.COMMAND_IO : 0);
        setInterruptLine(f, bus, devfn);
        f.write(PciRegisters.COMMAND, command, 0x3);
    }

    private void programBridge(BridgeNode bn, PciBus bus) {
        BridgeFunction b = bn.bridge;
        Request io = bn.windows[Space.IO.ordinal()];
        Request low = bn.windows[Space.LOW.ordinal()];
        Request high = bn.windows[Space.HIGH.ordinal()];
        if (io != null && io.assigned()) {
            long limit = io.address + io.size - 1;
            b.write(PciRegisters.BRIDGE_IO_BASE_LIMIT, (int) (io.address >>> 8 & 0xF0 | (limit >>> 8 & 0xF0) << 8),
                    0x3);
        } else {
            b.write(PciRegisters.BRIDGE_IO_BASE_LIMIT, 0x00F0, 0x3);
        }
        b.write(PciRegisters.BRIDGE_MEMORY_BASE_LIMIT, memoryWindow(low), 0xF);
        b.write(PciRegisters.BRIDGE_PREFETCH_BASE_LIMIT, memoryWindow(high), 0xF);
        boolean highOn = high != null && high.assigned();
        b.write(PciRegisters.BRIDGE_PREFETCH_BASE_UPPER, highOn ? (int) (high.address >>> 32) : 0, 0xF);
        b.write(PciRegisters.BRIDGE_PREFETCH_LIMIT_UPPER,
                highOn ? (int) (high.address + high.size - 1 >>> 32) : 0, 0xF);
        setInterruptLine(b, bus, bus.devfnOf(b));
        int command = b.read(PciRegisters.COMMAND) & 0xFFFF;
        b.write(PciRegisters.COMMAND, command | PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY
                | PciRegisters.COMMAND_BUS_MASTER, 0x3);
    }

    private static int memoryWindow(Request w) {
        if (w == null || !w.assigned()) {
            return 0x0000_FFF0;
        }
        long limit = w.address + w.size - 1;
        return (int) (w.address >>> 16 & 0xFFF0 | (limit >>> 16 & 0xFFF0) << 16);
    }

    private void setInterruptLine(ConfigFunction f, PciBus bus, int devfn) {
        int pin = f.read(PciRegisters.INTERRUPT_LINE) >>> 8 & 0xFF;
        if (pin >= 1 && pin <= 4) {
            f.write(PciRegisters.INTERRUPT_LINE, gsis.gsi(bus, devfn, pin) & 0xFF, 0x1);
        }
    }

    private static String describe(Request r) {
        String what = r.register >= 0 ? "BAR" + r.register : "window";
        String where = r.assigned() ? String.format("0x%x-0x%x", r.address, r.address + r.size - 1) : "unassigned";
        return String.format("%s %s 0x%x: %s", what, r.space.name().toLowerCase(java.util.Locale.ROOT), r.size, where);
    }

    /** A bus and what must be placed on it (its endpoints' BARs and its bridges' windows). */
    private record BusNode(PciBus bus, List<Request> requests, List<BridgeNode> bridges) {
        BusNode(PciBus bus) {
            this(bus, new ArrayList<>(), new ArrayList<>());
        }

        List<Request> requests(Space s) {
            return requests.stream().filter(r -> r.space == s).toList();
        }
    }

    /** A bridge, what is below it, and its windows by {@link Space} ordinal (null when off). */
    private record BridgeNode(BridgeFunction bridge, BusNode below, Request[] windows) {
        BridgeNode(BridgeFunction bridge, BusNode below) {
            this(bridge, below, new Request[Space.values().length]);
        }
    }
}
