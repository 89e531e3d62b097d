package org.jvmm.pci.testing;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.pci.api.BarHandler;

/** A BAR handler backed by bytes; records the accesses it saw. */
public final class RegisterBar implements BarHandler {
    public final byte[] bytes;
    public final List<String> accesses = new ArrayList<>();

    public RegisterBar(int size) {
        bytes = new byte[size];
    }

    @Override
    public synchronized IoResult barRead(long offset, int size, IoValue out) {
        long v = 0;
        for (int i = size - 1; i >= 0; i--) {
            v = v << 8 | bytes[(int) offset + i] & 0xFF;
        }
        out.set(v);
        accesses.add("r" + size + "@" + offset);
        return IoResult.OK;
    }

    @Override
    public synchronized IoResult barWrite(long offset, int size, long value) {
        for (int i = 0; i < size; i++) {
            bytes[(int) offset + i] = (byte) (value >>> 8 * i);
        }
        accesses.add("w" + size + "@" + offset);
        return IoResult.OK;
    }
}
