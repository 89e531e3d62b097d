package org.jvmm.chipset.impl;

import java.io.DataInputStream;
import java.io.IOException;

/**
 * Reads of saved-state fields that refuse values the device could never have held, so a state
 * unit rejects malformed bytes (through {@link org.jvmm.chipset.api.StateCodec}) before it applies
 * any of them.
 */
public final class SavedFields {
    private SavedFields() {
    }

    /** An int in {@code min..max}. */
    public static int readInt(DataInputStream in, String field, int min, int max) throws IOException {
        int v = in.readInt();
        if (v < min || v > max) {
            throw new IOException(field + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    /** A long in {@code min..max}. */
    public static long readLong(DataInputStream in, String field, long min, long max) throws IOException {
        long v = in.readLong();
        if (v < min || v > max) {
            throw new IOException(field + " " + v + " is outside " + min + ".." + max);
        }
        return v;
    }

    /** A byte array of exactly {@code length} bytes, preceded by its length. */
    public static byte[] readBytes(DataInputStream in, String field, int length) throws IOException {
        int n = in.readInt();
        if (n != length) {
            throw new IOException(field + " has " + n + " bytes, this device has " + length);
        }
        byte[] bytes = new byte[n];
        in.readFully(bytes);
        return bytes;
    }
}
