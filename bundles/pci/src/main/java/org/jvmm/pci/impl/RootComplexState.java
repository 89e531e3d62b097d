package org.jvmm.pci.impl;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.pci.impl.topology.BridgeFunction;

/**
 * Unit {@code pci.pcie_root_complex}: the config address latch, whether the guest has started (so
 * the firmware pass does not run again), the host bridge's command register, every root and
 * switch port (type-1 header, bus numbers, windows, PCIe and slot registers, MSI) by name, and the
 * map of attached functions by address. A function's own registers (its config space, BARs and
 * MSI-X included) are its own chipset device's unit, saved and restored next to this one; here
 * every function must offer one, and on restore the same functions must sit at the same
 * addresses. Taken under the root complex's lock.
 */
final class RootComplexState implements StateUnit {
    static final String UNIT = "pci.pcie_root_complex";
    private static final int VERSION = 1;
    /** Far more than a port saves (its header and two capabilities take under 100 bytes). */
    private static final int MAX_PORT_BYTES = 1 << 16;

    private final PcieRootComplex rc;

    RootComplexState(PcieRootComplex rc) {
        this.rc = rc;
    }

    /** A function as saved: where config cycles reach it, and its chipset device's name. */
    record Function(PciAddress address, String device) {
    }

    private record Saved(int configAddress, boolean guestStarted, boolean assigned, int hostCommand,
            Map<String, byte[]> bridges, List<Function> functions) {
    }

    @Override
    public String unitName() {
        return UNIT;
    }

    @Override
    public int version() {
        return VERSION;
    }

    /**
     * @throws IllegalStateException with a {@link StateUnitException} as its cause (the SPI's save
     *                               cannot throw it) when an orderly removal is pending or a function
     *                               offers no saved state
     */
    @Override
    public byte[] save() {
        synchronized (rc) {
            if (rc.removalPending()) {
                throw refused(rc.name() + ": an orderly removal is in progress; snapshots need it finished");
            }
            for (PcieRootComplex.AttachedFunction f : rc.functions()) {
                if (f.device().state().isEmpty()) {
                    throw refused(rc.name() + ": function " + f.address() + " (" + f.device().name()
                            + ") offers no saved state, so this VM cannot be saved");
                }
            }
            return StateCodec.write(this::write);
        }
    }

    private void write(DataOutputStream out) throws IOException {
        out.writeInt(rc.configAddress());
        out.writeBoolean(rc.guestStarted());
        out.writeBoolean(rc.assigned());
        out.writeShort(rc.topology().hostBridge().command());
        List<BridgeFunction> bridges = rc.topology().bridges();
        out.writeShort(bridges.size());
        for (BridgeFunction b : bridges) {
            byte[] bytes = StateCodec.write(b::saveState);
            out.writeUTF(b.name());
            out.writeInt(bytes.length);
            out.write(bytes);
        }
        List<PcieRootComplex.AttachedFunction> functions = rc.functions();
        out.writeShort(functions.size());
        for (PcieRootComplex.AttachedFunction f : functions) {
            out.writeByte(f.address().bus());
            out.writeByte(f.address().device() << 3 | f.address().function());
            out.writeUTF(f.device().name());
        }
    }

    @Override
    public void restore(int version, byte[] state) throws StateUnitException {
        Saved[] holder = new Saved[1];
        StateCodec.read(this, version, state, in -> holder[0] = read(in));
        Saved s = holder[0];
        synchronized (rc) {
            List<BridgeFunction> bridges = rc.topology().bridges();
            List<String> names = bridges.stream().map(BridgeFunction::name).toList();
            if (!names.equals(List.copyOf(s.bridges().keySet()))) {
                throw new StateUnitException(UNIT + ": the snapshot has ports " + s.bridges().keySet() + ", "
                        + rc.name() + " has " + names + ": start the VM with the same root ports and switches");
            }
            Map<String, byte[]> before = new LinkedHashMap<>();
            bridges.forEach(b -> before.put(b.name(), StateCodec.write(b::saveState)));
            try {
                applyBridges(bridges, s.bridges());
                checkFunctions(s.functions());
            } catch (StateUnitException e) {
                rollBack(bridges, before);
                throw e;
            }
            rc.topology().hostBridge().restoreCommand(s.hostCommand());
            rc.restoreFlags(s.configAddress(), s.guestStarted(), s.assigned());
        }
    }

    private static Saved read(DataInputStream in) throws IOException {
        int configAddress = in.readInt();
        boolean started = in.readBoolean();
        boolean assigned = in.readBoolean();
        int hostCommand = in.readUnsignedShort();
        Map<String, byte[]> bridges = new LinkedHashMap<>();
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            String name = in.readUTF();
            int length = in.readInt();
            if (length < 0 || length > MAX_PORT_BYTES) {
                throw new IOException("port " + name + ": " + length + " saved bytes announced");
            }
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new EOFException("port " + name + ": the saved state ends early");
            }
            bridges.put(name, bytes);
        }
        List<Function> functions = new ArrayList<>();
        for (int n = in.readUnsignedShort(); n > 0; n--) {
            int bus = in.readUnsignedByte();
            int devfn = in.readUnsignedByte();
            functions.add(new Function(new PciAddress(bus, devfn >>> 3, devfn & 7), in.readUTF()));
        }
        return new Saved(configAddress, started, assigned, hostCommand, bridges, functions);
    }

    private static void applyBridges(List<BridgeFunction> bridges, Map<String, byte[]> saved)
            throws StateUnitException {
        for (BridgeFunction b : bridges) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved.get(b.name())))) {
                b.restoreState(in);
                if (in.available() > 0) {
                    throw new IOException(in.available() + " saved bytes left over");
                }
            } catch (IOException e) {
                throw new StateUnitException(UNIT + ": port " + b.name() + ": saved state is malformed: "
                        + e.getMessage(), e);
            }
        }
    }

    private static void rollBack(List<BridgeFunction> bridges, Map<String, byte[]> before) {
        for (BridgeFunction b : bridges) {
            try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(before.get(b.name())))) {
                b.restoreState(in);
            } catch (IOException e) {
                throw new IllegalStateException("restoring what " + b.name() + " held before failed", e);
            }
        }
    }

    /** With the ports' bus numbers restored, the same functions must sit at the saved addresses. */
    private void checkFunctions(List<Function> saved) throws StateUnitException {
        List<String> want = saved.stream().map(f -> f.address() + " " + f.device()).sorted().toList();
        List<String> have = rc.functions().stream().map(f -> f.address() + " " + f.device().name()).sorted().toList();
        if (!want.equals(have)) {
            throw new StateUnitException(UNIT + ": the snapshot has functions " + want + ", " + rc.name() + " has "
                    + have + ": start the VM with the same PCI devices");
        }
    }

    private static IllegalStateException refused(String message) {
        return new IllegalStateException(message, new StateUnitException(message));
    }
}
