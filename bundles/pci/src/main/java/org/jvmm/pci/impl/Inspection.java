package org.jvmm.pci.impl;

import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.impl.topology.BridgeFunction;
import org.jvmm.pci.impl.topology.ConfigFunction;
import org.jvmm.pci.impl.topology.PciBus;

/** The root complex's inspect tree: one child per function by address, bridges nesting their bus. */
final class Inspection {
    private Inspection() {
    }

    /** Each function on {@code bus} (numbered {@code number}) with what the firmware gave it. */
    static void bus(InspectNode node, PciBus bus, int number, Map<ConfigFunction, List<String>> assignment) {
        for (int devfn : bus.occupied()) {
            ConfigFunction f = bus.at(devfn);
            InspectNode n = node.child(new PciAddress(number, devfn >>> 3, devfn & 7).toString());
            f.inspect(n);
            List<String> resources = assignment.get(f);
            if (resources != null && !resources.isEmpty()) {
                InspectNode r = n.child("firmware");
                for (int i = 0; i < resources.size(); i++) {
                    r.field(Integer.toString(i), resources.get(i));
                }
            }
            if (f instanceof BridgeFunction b) {
                bus(n.child("bus " + b.secondary()), b.secondaryBus(), b.secondary(), assignment);
            }
        }
    }

    static String range(MmioRange r) {
        return String.format("0x%x-0x%x", r.start(), r.start() + r.length() - 1);
    }
}
