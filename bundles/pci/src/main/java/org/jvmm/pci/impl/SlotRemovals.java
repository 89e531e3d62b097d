package org.jvmm.pci.impl;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.impl.topology.BridgeFunction;

/**
 * Orderly removals in progress ({@link org.jvmm.chipset.api.PciHost#requestDetach}): the slot's
 * attention button was pressed when the request started, and the device leaves once the guest
 * has turned the slot's power off (or the request timed out, or the device was detached, or the
 * VM was reset). Guarded by the root complex's lock.
 */
final class SlotRemovals {
    private final Map<ChipsetDevice, Request> pending = new IdentityHashMap<>();

    /** One request: the device, the port it sits behind, and the future its callers wait on. */
    record Request(ChipsetDevice device, BridgeFunction port, CompletableFuture<Void> done) {
    }

    /** The request pending for {@code device}, or null. */
    Request get(ChipsetDevice device) {
        return pending.get(device);
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Starts a request; the button is pressed only when the slot has power (else it is done already). */
    Request start(ChipsetDevice device, BridgeFunction port) {
        Request r = new Request(device, port, new CompletableFuture<>());
        pending.put(device, r);
        if (port.slotPowered()) {
            port.pressAttentionButton();
        }
        return r;
    }

    /** Ends and returns the requests whose slot the guest has powered off. */
    List<Request> takePoweredOff() {
        List<Request> out = new ArrayList<>();
        for (Request r : pending.values()) {
            if (!r.port().slotPowered()) {
                out.add(r);
            }
        }
        out.forEach(r -> pending.remove(r.device()));
        return out;
    }

    /** Ends {@code expected} if it is still pending: true if it was. */
    boolean end(Request expected) {
        return pending.remove(expected.device(), expected);
    }

    /** Ends the request for {@code device}, if any: it, or null. */
    Request end(ChipsetDevice device) {
        return pending.remove(device);
    }

    /** Ends every request. */
    List<Request> endAll() {
        List<Request> out = new ArrayList<>(pending.values());
        pending.clear();
        return out;
    }

    void inspect(InspectNode node) {
        pending.values().forEach(r -> node.field(r.device().name(), "waiting for " + r.port().name()
                + " to be powered off"));
    }
}
