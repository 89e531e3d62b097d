package org.jvmm.devices.virtio.impl.pci;

import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.MsixCapability;
import org.jvmm.pci.api.PciConfigSpace;

/**
 * The invariants a virtio-pci function keeps whatever the guest does: no message leaves it while bus
 * mastering is off; INTx is asserted only with MSI-X off, INTx not disabled and an ISR bit set;
 * vectors read back as NO_VECTOR or a vector of the table; DRIVER_OK is never set without
 * FEATURES_OK; the device never throws.
 */
final class PciFuzzChecks {
    private final PciTransport transport;
    private final FakePciAttachment host;
    private final int tableSize;
    private final PciConfigSpace config;
    private final MsixCapability msix;
    private boolean busMasterBefore;
    private long messages;

    PciFuzzChecks(PciTransport transport, FakePciAttachment host, int tableSize) {
        this.transport = transport;
        this.host = host;
        this.tableSize = tableSize;
        this.config = transport.configSpace();
        this.msix = config.msix().orElseThrow();
    }

    static void notNull(IoResult result) {
        if (result == null) {
            throw new AssertionError("null IoResult");
        }
    }

    void before() {
        busMasterBefore = config.busMasterEnabled();
    }

    void after(long index) {
        List<FakePciAttachment.Msi> sent = host.takeMsis();
        if (!sent.isEmpty() && !busMasterBefore && !config.busMasterEnabled()) {
            throw new AssertionError(sent.size() + " message(s) sent with bus mastering off");
        }
        messages += sent.size();
        boolean line = host.line(1).level();
        if (line && (msix.enabled() || (config.command() & PciGuest.COMMAND_INTX_DISABLE) != 0)) {
            throw new AssertionError("INTA asserted with MSI-X on or INTx disabled");
        }
        if (line || (index & 15) == 0) {
            checkState(line);
        }
        if ((index & 255) == 0) {
            deviceNeverFailed();
        }
    }

    long messages() {
        return messages;
    }

    long windowAccesses() {
        return (Long) inspect().at("cfg_window_accesses").orElseThrow();
    }

    void deviceNeverFailed() {
        InspectNode node = inspect();
        if (!Long.valueOf(0).equals(node.at("device_failures").orElseThrow())) {
            throw new AssertionError("the device threw; inspect:\n" + node.render());
        }
        node.at("device/completion_failures").ifPresent(f -> {
            if (!Long.valueOf(0).equals(f)) {
                throw new AssertionError("virtio-blk completions failed " + f + " time(s)");
            }
        });
    }

    private void checkState(boolean line) {
        InspectNode node = inspect();
        if (line && "0x0".equals(node.at("interrupts/isr").orElseThrow().toString())) {
            throw new AssertionError("INTA asserted with an empty ISR");
        }
        checkVector("config", node.at("interrupts/config_vector").orElseThrow());
        Object queues = node.at("interrupts/queue_vectors").orElseThrow();
        for (Map.Entry<String, Object> e : ((InspectNode) queues).entries().entrySet()) {
            checkVector("queue " + e.getKey(), e.getValue());
        }
        long status = Long.decode(node.at("status").orElseThrow().toString());
        if ((status & 4) != 0 && (status & 8) == 0) {
            throw new AssertionError("DRIVER_OK without FEATURES_OK: status 0x" + Long.toHexString(status));
        }
    }

    private void checkVector(String what, Object v) {
        if (!"none".equals(v) && Integer.parseInt(v.toString()) >= tableSize) {
            throw new AssertionError(what + " vector " + v + " is not in a table of " + tableSize);
        }
    }

    private InspectNode inspect() {
        InspectNode node = new InspectNode();
        transport.inspect(node);
        return node;
    }
}
