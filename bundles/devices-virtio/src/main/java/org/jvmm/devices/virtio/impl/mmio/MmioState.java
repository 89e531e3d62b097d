package org.jvmm.devices.virtio.impl.mmio;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.devices.virtio.impl.transport.NestedUnit;

/**
 * Unit {@code virtio.mmio}: the transport's registers (feature and queue selectors, interrupt
 * status, line level), then the transport core's unit and the device's unit, each nested with its
 * name and version. Saving asks the device first (it finishes or gives back its requests), then the
 * core (which refuses while a request is still taken), then reads the registers (completions while
 * the device saved may have raised interrupts). Restoring checks both nested units' names and
 * versions before anything changes, resets the transport, restores the device, the registers, and
 * last the core, which activates the device again.
 */
final class MmioState implements StateUnit {
    static final String UNIT = "virtio.mmio";
    private static final int VERSION = 1;

    private final MmioTransport transport;
    private final StateUnit core;
    private final StateUnit device;

    MmioState(MmioTransport transport, StateUnit core, StateUnit device) {
        this.transport = transport;
        this.core = core;
        this.device = device;
    }

    private record Saved(MmioTransport.Registers registers, NestedUnit core, NestedUnit device) {
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
        MmioTransport.Registers r = transport.registers();
        return StateCodec.write(out -> write(out, new Saved(r, c, d)));
    }

    private static void write(DataOutputStream out, Saved s) throws IOException {
        MmioTransport.Registers r = s.registers();
        out.writeInt(r.deviceFeaturesSel());
        out.writeInt(r.driverFeaturesSel());
        out.writeInt(r.queueSel());
        out.writeByte(r.isr());
        out.writeBoolean(r.line());
        s.core().write(out);
        s.device().write(out);
    }

    private static Saved read(DataInputStream in) throws IOException {
        MmioTransport.Registers r = new MmioTransport.Registers(in.readInt(), in.readInt(), in.readInt(),
                in.readUnsignedByte(), in.readBoolean());
        return new Saved(r, NestedUnit.read(in), NestedUnit.read(in));
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        Saved[] saved = new Saved[1];
        StateCodec.read(this, version, state, in -> saved[0] = read(in));
        Saved s = saved[0];
        s.core().check(transport.name(), core);
        s.device().check(transport.name(), device);
        transport.reset();
        s.device().restoreInto(device);
        transport.restoreRegisters(s.registers());
        s.core().restoreInto(core);
    }
}
