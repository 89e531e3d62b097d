package org.jvmm.chipset.api;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Helpers for {@link StateUnit}s that write their fields in order: {@link #write} runs a writer over a
 * {@link DataOutputStream}, {@link #read} a reader over the bytes and insists that it used them all.
 */
public final class StateCodec {
    private StateCodec() {
    }

    /** Writes fields. */
    @FunctionalInterface
    public interface Writer {
        void write(DataOutputStream out) throws IOException;
    }

    /** Reads fields. */
    @FunctionalInterface
    public interface Reader {
        void read(DataInputStream in) throws IOException;
    }

    public static byte[] write(Writer writer) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            writer.write(out);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /** Reads {@code state} after checking {@code version}; short or long input is an error naming {@code unit}. */
    public static void read(StateUnit unit, int version, byte[] state, Reader reader) throws StateUnitException {
        if (version != unit.version()) {
            throw StateUnitException.unknownVersion(unit.unitName(), version, unit.version());
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(state))) {
            reader.read(in);
            if (in.available() > 0) {
                throw new StateUnitException(unit.unitName() + ": " + in.available() + " bytes of saved state left over");
            }
        } catch (IOException e) {
            throw new StateUnitException(unit.unitName() + ": saved state is malformed: " + e.getMessage(), e);
        }
    }
}
