package org.jvmm.storage.nvme.impl;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.storage.nvme.impl.core.Controller;

/**
 * Unit {@code nvme.controller}: the function's config space as the PCI library saves it (command,
 * BAR addresses, MSI-X table and pending bits, PCIe registers), then the controller's state
 * (namespaces present, registers, features, event requests and events, SMART counters, error log,
 * queues; see {@code ControllerState}), each with its length. Saving waits (bounded) for the disk
 * requests in flight and refuses when they do not finish. Restoring checks the controller's part
 * (format, namespaces) before it changes anything, then restores the config space (the BARs are
 * mapped again through the attachment) and the controller.
 */
final class NvmeState implements StateUnit {
    static final String UNIT = "nvme.controller";
    private static final int VERSION = 1;
    private static final int MAX_PART_BYTES = 64 << 20;

    private final String name;
    private final PciConfigSpace pci;
    private final Controller controller;
    private final long saveWaitMillis;

    NvmeState(String name, PciConfigSpace pci, Controller controller, long saveWaitMillis) {
        this.name = name;
        this.pci = pci;
        this.controller = controller;
        this.saveWaitMillis = saveWaitMillis;
    }

    @Override
    public String unitName() {
        return UNIT;
    }

    @Override
    public int version() {
        return VERSION;
    }

    @Override
    public byte[] save() {
        byte[] core = controller.saveState(saveWaitMillis);
        byte[] config = StateCodec.write(pci::saveState);
        return StateCodec.write(out -> {
            part(out, config);
            part(out, core);
        });
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        byte[][] parts = new byte[2][];
        StateCodec.read(this, version, state, in -> {
            parts[0] = part(in, "config space");
            parts[1] = part(in, "controller");
        });
        try {
            controller.checkState(parts[1]);
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parts[0]))) {
                pci.restoreState(in);
            }
            controller.restoreState(parts[1]);
        } catch (IOException e) {
            throw new StateUnitException(UNIT + ": nvme " + name + ": " + e.getMessage(), e);
        }
    }

    private static void part(DataOutputStream out, byte[] bytes) throws IOException {
        out.writeInt(bytes.length);
        out.write(bytes);
    }

    private static byte[] part(DataInputStream in, String what) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_PART_BYTES) {
            throw new IOException(what + ": " + length + " saved bytes announced");
        }
        byte[] bytes = in.readNBytes(length);
        if (bytes.length != length) {
            throw new EOFException(what + ": the saved state ends early");
        }
        return bytes;
    }
}
