package org.jvmm.pci.impl;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.pci.impl.attach.IntxRouter;
import org.jvmm.pci.impl.topology.BridgeFunction;
import org.jvmm.pci.impl.topology.ConfigFunction;
import org.jvmm.pci.impl.topology.HostBridgeFunction;
import org.jvmm.pci.impl.topology.IntxPath;
import org.jvmm.pci.impl.topology.PciBus;
import org.jvmm.pci.impl.topology.PortType;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.resources.PcieSwitchConfig;

/**
 * The fixed part of the hierarchy, built from the handle: the host bridge at 00:00.0, root ports
 * (explicit addresses first, then the lowest free devices from 1), switches (an upstream port at
 * device 0 behind their parent port, downstream ports at devices 0..n-1 of its internal bus).
 * Physical slot numbers count from 1 over the downstream-facing ports in that order.
 */
final class Topology {
    private final PciBus root = new PciBus(null, false);
    private final Map<String, BridgeFunction> linkPorts = new LinkedHashMap<>();
    private final Map<String, String> switchBehind = new LinkedHashMap<>();
    private final List<BridgeFunction> bridges = new ArrayList<>();
    private int nextSlot = 1;

    private Topology() {
    }

    static Topology build(PcieRootComplexHandle h, IntxRouter intx, MsiSink msi) {
        Topology t = new Topology();
        t.root.put(0, new HostBridgeFunction());
        t.addRootPorts(h.rootPorts());
        List<PcieSwitchConfig> pending = new ArrayList<>(h.switches());
        while (!pending.isEmpty()) {
            PcieSwitchConfig s = pending.stream().filter(x -> t.linkPorts.containsKey(x.parent())).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("switch " + pending.get(0).name()
                            + ": unknown parent port " + pending.get(0).parent()));
            pending.remove(s);
            t.addSwitch(s);
        }
        for (BridgeFunction b : t.bridges) {
            IntxPath path = IntxPath.of(b.parentBus(), b.devfn());
            b.wireInterrupts(intx.source(path.rootDevice(), IntxRouter.swizzle(1, path.rotation())), msi);
        }
        return t;
    }

    PciBus root() {
        return root;
    }

    /** The host bridge at device 0 of the root bus. */
    HostBridgeFunction hostBridge() {
        return (HostBridgeFunction) root.at(0);
    }

    /** Root ports and switch downstream ports by name, in creation order. */
    Map<String, BridgeFunction> linkPorts() {
        return linkPorts;
    }

    /** The switch behind a port, or null. */
    String switchBehind(String port) {
        return switchBehind.get(port);
    }

    List<BridgeFunction> bridges() {
        return bridges;
    }

    /** The function a cycle for {@code bus}/{@code devfn} reaches, or null. */
    ConfigFunction find(int rootBus, int bus, int devfn) {
        return bus == rootBus ? root.decode(devfn) : root.route(bus, devfn);
    }

    private void addRootPorts(List<PcieRootPortConfig> ports) {
        Set<Integer> explicitDevices = new HashSet<>();
        ports.stream().filter(p -> p.addr() != null).forEach(p -> explicitDevices.add(p.device()));
        Map<PcieRootPortConfig, Integer> devfns = new LinkedHashMap<>();
        int nextDevice = 1;
        for (PcieRootPortConfig p : ports) {
            if (p.addr() != null) {
                devfns.put(p, p.device() << 3 | p.function());
                continue;
            }
            while (nextDevice < 32 && (explicitDevices.contains(nextDevice) || root.at(nextDevice << 3) != null
                    || devfns.containsValue(nextDevice << 3))) {
                nextDevice++;
            }
            if (nextDevice == 32) {
                throw new IllegalArgumentException("root port " + p.name() + ": no free device on the root bus");
            }
            devfns.put(p, nextDevice << 3);
        }
        int portNumber = 1;
        for (PcieRootPortConfig p : ports) {
            int devfn = devfns.get(p);
            BridgeFunction b = new BridgeFunction(PortType.ROOT_PORT, p.name(), root, devfn, p.hotplug(), nextSlot++,
                    portNumber++);
            root.put(devfn, b);
            register(b);
        }
        for (int devfn : root.occupied()) {
            if ((devfn & 7) == 0) {
                continue;
            }
            if (!(root.at(devfn & ~7) instanceof BridgeFunction f0)) {
                throw new IllegalArgumentException("root port " + ((BridgeFunction) root.at(devfn)).name() + " at "
                        + (devfn >>> 3) + "." + (devfn & 7) + " needs a root port at function 0 of device "
                        + (devfn >>> 3) + " (guests scan functions 1-7 only when function 0 exists)");
            }
            f0.setMultiFunction(true);
        }
    }

    private void addSwitch(PcieSwitchConfig s) {
        BridgeFunction parent = linkPorts.get(s.parent());
        BridgeFunction upstream = new BridgeFunction(PortType.SWITCH_UPSTREAM, s.name(), parent.secondaryBus(), 0,
                false, 0, 0);
        parent.secondaryBus().put(0, upstream);
        parent.setPresent(true, false);
        switchBehind.put(s.parent(), s.name());
        bridges.add(upstream);
        for (int i = 0; i < s.downstreamPorts(); i++) {
            BridgeFunction d = new BridgeFunction(PortType.SWITCH_DOWNSTREAM, s.downstreamPortName(i),
                    upstream.secondaryBus(), i << 3, s.hotplug(), nextSlot++, i);
            upstream.secondaryBus().put(i << 3, d);
            register(d);
        }
    }

    private void register(BridgeFunction b) {
        linkPorts.put(b.name(), b);
        bridges.add(b);
    }
}
