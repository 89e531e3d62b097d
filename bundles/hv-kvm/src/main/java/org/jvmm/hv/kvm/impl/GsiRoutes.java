package org.jvmm.hv.kvm.impl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;
import org.jvmm.hv.kvm.impl.ffm.MsiRoute;

/**
 * The VM's GSI routing table, which KVM_SET_GSI_ROUTING always replaces whole. GSIs below
 * {@link #PINS} (the "reserved IOAPIC pins" of the split irqchip) carry EOI routes: the in-kernel
 * local APIC exits with KVM_EXIT_IOAPIC_EOI only for vectors some route there sends level-triggered,
 * so every distinct level-triggered message gets one before it is signalled (when they run out the
 * EOI area starts over with the newest). GSIs from {@link #PINS} up are irqfd routes.
 */
final class GsiRoutes {
    /**
     * GSIs reserved for EOI routes (KVM_CAP_SPLIT_IRQCHIP's argument). KVM keeps this count in a
     * byte: 256 is accepted but stored as 0, after which no EOI ever exits.
     */
    static final int PINS = 128;

    private final KvmVmFd vm;
    private final Map<MsiMessage, Integer> eoiRoutes = new LinkedHashMap<>();
    private final Map<Integer, MsiMessage> irqfdRoutes = new TreeMap<>();
    private int nextIrqfdGsi = PINS;
    private long tableUpdates;

    GsiRoutes(KvmVmFd vm) {
        this.vm = vm;
    }

    /** Ensures {@code message} (level-triggered) has an EOI route; updates KVM's table if it is new. */
    synchronized void ensureEoiRoute(MsiMessage message) {
        if (eoiRoutes.containsKey(message)) {
            return;
        }
        if (eoiRoutes.size() == PINS) {
            eoiRoutes.clear();
        }
        eoiRoutes.put(message, eoiRoutes.size());
        push();
    }

    /** A new GSI routed to {@code message}, for an irqfd. */
    synchronized int addIrqfdRoute(MsiMessage message) {
        int gsi = nextIrqfdGsi++;
        irqfdRoutes.put(gsi, message);
        push();
        return gsi;
    }

    synchronized void removeIrqfdRoute(int gsi) {
        if (irqfdRoutes.remove(gsi) != null) {
            push();
        }
    }

    synchronized int eoiRouteCount() {
        return eoiRoutes.size();
    }

    synchronized int irqfdRouteCount() {
        return irqfdRoutes.size();
    }

    synchronized long tableUpdates() {
        return tableUpdates;
    }

    private void push() {
        List<MsiRoute> table = new ArrayList<>(eoiRoutes.size() + irqfdRoutes.size());
        eoiRoutes.forEach((m, gsi) -> table.add(new MsiRoute(gsi, m.address(), m.data())));
        irqfdRoutes.forEach((gsi, m) -> table.add(new MsiRoute(gsi, m.address(), m.data())));
        vm.setGsiRouting(table);
        tableUpdates++;
    }
}
