package org.jvmm.vm.worker.impl;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.RamRange;
import org.jvmm.inspect.InspectNode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.lifecycle.VmStateCell;
import org.jvmm.vm.worker.impl.vp.VpSet;

/**
 * The VM's inspect tree: {@code state}, {@code config}, {@code hypervisor}, and while the VM
 * holds resources also {@code memory}, {@code partition}, {@code vp/N}, {@code chipset/<device>},
 * {@code interrupts}, {@code poll}, {@code io}, {@code boot} and {@code devices/<config path>}.
 */
record VmInspector(VmParts parts, VmStateCell state, VpSet vps, GuestEvents events) {

    InspectNode inspect() {
        InspectNode root = new InspectNode();
        root.field("name", parts.name());
        root.field("state", state.get().name().toLowerCase(java.util.Locale.ROOT));
        state.reason().ifPresent(r -> root.field("stopReason", r));
        root.field("lastGuestEvent", events.last());
        config(root.child("config"), parts.config());
        root.child("hypervisor", parts.hypervisor());
        if (state.get() == VmState.STOPPED || state.get() == VmState.STOPPING) {
            return root;
        }
        memory(root.child("memory"), parts.memory());
        root.child("partition", parts.partition());
        vps.inspect(root.child("vp"));
        parts.bus().inspectDevices(root.child("chipset"));
        parts.router().inspect(root.child("interrupts"));
        parts.poll().inspect(root.child("poll"));
        parts.bus().inspectIo(root.child("io"));
        parts.boot().inspect(root.child("boot"));
        parts.devices().inspect(root.child("devices"));
        root.field("vmTimeNs", parts.clock().nanos());
        return root;
    }

    private static void config(InspectNode node, VmConfig c) {
        node.field("processors", c.processors().count());
        node.field("memory", Sizes.human(c.memory().sizeBytes()));
        node.field("load", c.load().id());
        node.field("hypervisor", c.hypervisor().auto() ? "auto"
                : c.hypervisor().name() + (c.hypervisor().force() ? " (forced)" : ""));
        node.field("serialPorts", c.serial().size());
        node.field("chipsetDevices", c.chipsetDevices().size());
        node.field("pciDevices", c.pciDevices().size());
        node.field("virtioDevices", c.virtioDevices().size());
        node.field("disks", c.disks().size());
        node.field("nics", c.nics().size());
        node.field("paused", c.paused());
        node.field("deterministic", c.deterministic());
    }

    private static void memory(InspectNode node, GuestMemory m) {
        node.hex("size", m.ramSize());
        InspectNode ranges = node.child("ranges");
        int i = 0;
        for (RamRange r : m.layout().ranges()) {
            ranges.field(Integer.toString(i++), String.format("0x%x-0x%x at offset 0x%x", r.gpa(), r.end() - 1,
                    r.offset()));
        }
        if (m.layout().mmioHoleEnd() > m.layout().mmioHoleStart()) {
            node.field("mmioHole", String.format("0x%x-0x%x", m.layout().mmioHoleStart(),
                    m.layout().mmioHoleEnd() - 1));
        }
        node.field("file", m.file().map(Object::toString).orElse("none"));
    }
}
