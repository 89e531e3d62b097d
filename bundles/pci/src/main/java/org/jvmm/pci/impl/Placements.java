package org.jvmm.pci.impl;

import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.pci.impl.topology.BridgeFunction;
import org.jvmm.pci.impl.topology.PciBus;

/** Chooses where an attached function goes, or says why it cannot go there. */
final class Placements {
    private Placements() {
    }

    /** Where a function goes: a bus, its devfn, and the port above it (null on the root bus). */
    record Slot(PciBus bus, int devfn, BridgeFunction port) {
    }

    /** Behind a root or downstream port: it must exist, be empty, and have hot-plug once the guest runs. */
    static Slot port(Topology topology, boolean guestStarted, PciPlacement placement, String where)
            throws PciAttachException {
        BridgeFunction port = topology.linkPorts().get(placement.port());
        if (port == null) {
            throw new PciAttachException(where + ": no such port (ports: "
                    + String.join(", ", topology.linkPorts().keySet()) + ")");
        }
        if (topology.switchBehind(port.name()) != null) {
            throw new PciAttachException(where + ": switch " + topology.switchBehind(port.name()) + " is there");
        }
        if (port.secondaryBus().at(0) != null) {
            throw new PciAttachException(where + ": occupied by " + port.secondaryBus().at(0).describe());
        }
        if (guestStarted && !port.hotPlug()) {
            throw new PciAttachException(where + ": the guest is running and the port has no hot-plug");
        }
        return new Slot(port.secondaryBus(), 0, port);
    }

    /**
     * On the root bus (cold plug only): the given device and function, else the function's
     * preferred device if free, else the lowest free device.
     */
    static Slot rootBus(Topology topology, boolean guestStarted, PciPlacement placement, PciConfigIntercept config,
            String where) throws PciAttachException {
        if (guestStarted) {
            throw new PciAttachException(where + ": the guest is running and the root bus has no hot-plug");
        }
        PciBus root = topology.root();
        if (placement.device() > 0) {
            int devfn = placement.device() << 3 | placement.function();
            if (root.at(devfn) != null) {
                throw new PciAttachException(where + ": occupied by " + root.at(devfn).describe());
            }
            if (placement.function() != 0 && root.at(devfn & ~7) == null) {
                throw new PciAttachException(where + ": function 0 of the device must be attached first");
            }
            return new Slot(root, devfn, null);
        }
        PciAddress preferred = config.preferredAddress();
        if (preferred != null && preferred.device() > 0 && preferred.function() == 0
                && root.at(preferred.device() << 3) == null) {
            return new Slot(root, preferred.device() << 3, null);
        }
        for (int d = 1; d < 32; d++) {
            if (root.at(d << 3) == null) {
                return new Slot(root, d << 3, null);
            }
        }
        throw new PciAttachException(where + ": no free device on the root bus");
    }
}
