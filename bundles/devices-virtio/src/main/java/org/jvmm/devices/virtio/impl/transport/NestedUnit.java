package org.jvmm.devices.virtio.impl.transport;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;

/**
 * A unit saved inside a transport's unit (the transport core's, the device's): its name, version
 * and bytes, so each part keeps its own format version.
 */
public record NestedUnit(String unit, int version, byte[] data) {
    /** Far more than any part saves. */
    private static final int MAX_BYTES = 64 << 20;

    /** Saves {@code u} now. */
    public static NestedUnit of(StateUnit u) {
        return new NestedUnit(u.unitName(), u.version(), u.save());
    }

    public void write(DataOutputStream out) throws IOException {
        out.writeUTF(unit);
        out.writeInt(version);
        out.writeInt(data.length);
        out.write(data);
    }

    public static NestedUnit read(DataInputStream in) throws IOException {
        String unit = in.readUTF();
        int version = in.readInt();
        int length = in.readInt();
        if (length < 0 || length > MAX_BYTES) {
            throw new IOException("unit " + unit + ": " + length + " saved bytes announced");
        }
        byte[] data = in.readNBytes(length);
        if (data.length != length) {
            throw new EOFException("unit " + unit + ": the saved state ends early");
        }
        return new NestedUnit(unit, version, data);
    }

    /** Checks, before anything changes, that {@code target} reads this: the same unit and version. */
    public void check(String owner, StateUnit target) throws StateUnitException {
        if (!unit.equals(target.unitName())) {
            throw new StateUnitException(owner + ": the snapshot holds unit " + unit + ", this device reads "
                    + target.unitName());
        }
        if (version != target.version()) {
            throw StateUnitException.unknownVersion(unit, version, target.version());
        }
    }

    public void restoreInto(StateUnit target) throws StateUnitException {
        target.restore(version, data);
    }
}
