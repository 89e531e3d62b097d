package org.jvmm.devices.virtio.impl.pci;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.impl.transport.NestedUnit;

/**
 * Unit {@code virtio.pci}: the function's config space as the PCI library saves it (command, BAR
 * address, MSI-X table, masks and pending bits, PCIe registers, the virtio capabilities' bytes),
 * the common configuration's selectors, the MSI-X vectors and ISR status, then the transport core's
 * unit and the device's unit, each nested with its name and version. Saving asks the device first,
 * then the core, then reads the rest. Restoring checks the nested units first, resets the virtio
 * side, restores the device, the config space (the BAR is mapped again where the saved command and
 * address say, through the attachment, as a guest write would), vectors and ISR, selectors, and
 * last the core, which activates the device again.
 */
final class PciState implements StateUnit {
    static final String UNIT = "virtio.pci";
    private static final int VERSION = 1;
    private static final int MAX_CONFIG_BYTES = 1 << 20;

    private final PciTransport transport;
    private final StateUnit core;
    private final StateUnit device;

    PciState(PciTransport transport, StateUnit core, StateUnit device) {
        this.transport = transport;
        this.core = core;
        this.device = device;
    }

    private record Saved(byte[] config, int[] selectors, PciInterrupts.Saved interrupts, NestedUnit core,
            NestedUnit device) {
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
        NestedUnit d = NestedUnit.of(device);
        NestedUnit c = NestedUnit.of(core);
        byte[] config = StateCodec.write(transport.configSpace()::saveState);
        Saved s = new Saved(config, transport.common().selectorValues(), transport.interrupts().saved(), c, d);
        return StateCodec.write(out -> write(out, s));
    }

    private static void write(DataOutputStream out, Saved s) throws IOException {
        out.writeInt(s.config().length);
        out.write(s.config());
        for (int v : s.selectors()) {
            out.writeInt(v);
        }
        PciInterrupts.Saved i = s.interrupts();
        out.writeShort(i.configVector());
        out.writeByte(i.queueVectors().length);
        for (int v : i.queueVectors()) {
            out.writeShort(v);
        }
        out.writeByte(i.isr());
        s.core().write(out);
        s.device().write(out);
    }

    private static Saved read(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > MAX_CONFIG_BYTES) {
            throw new IOException("config space: " + length + " saved bytes announced");
        }
        byte[] config = in.readNBytes(length);
        if (config.length != length) {
            throw new EOFException("config space: the saved state ends early");
        }
        int[] selectors = {in.readInt(), in.readInt(), in.readInt()};
        int configVector = in.readUnsignedShort();
        int[] queueVectors = new int[in.readUnsignedByte()];
        for (int q = 0; q < queueVectors.length; q++) {
            queueVectors[q] = in.readUnsignedShort();
        }
        PciInterrupts.Saved interrupts = new PciInterrupts.Saved(configVector, queueVectors, in.readUnsignedByte());
        return new Saved(config, selectors, interrupts, NestedUnit.read(in), NestedUnit.read(in));
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        Saved[] saved = new Saved[1];
        StateCodec.read(this, version, state, in -> saved[0] = read(in));
        Saved s = saved[0];
        s.core().check(transport.name(), core);
        s.device().check(transport.name(), device);
        transport.functionReset();
        s.device().restoreInto(device);
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(s.config()))) {
            transport.configSpace().restoreState(in);
        } catch (IOException e) {
            throw new StateUnitException(UNIT + ": " + transport.name() + ": " + e.getMessage(), e);
        }
        transport.interrupts().restore(s.interrupts());
        int[] sel = s.selectors();
        transport.common().restoreSelectors(sel[0], sel[1], sel[2]);
        s.core().restoreInto(core);
    }
}
