package org.jvmm.hv.whp.impl.emulate;

import java.util.ArrayList;
import java.util.List;

/**
 * RAM at {@code [0, ram.length)}, MMIO above it (recorded, reads answered from {@link #mmioValue}),
 * ports recorded; linear addresses translate to {@code linear + offset} unless in an unmapped page.
 */
final class FakeMemory implements EmulatorMemory, EmulatorIo {
    final byte[] ram = new byte[0x10000];
    final List<String> accesses = new ArrayList<>();
    long mmioValue = 0x1122_3344_5566_7788L;
    long linearOffset;
    long unmappedPage = -1;
    long portValue = 0xABCD;

    @Override
    public long translate(long linear, Access access) {
        if ((linear & ~0xFFFL) == unmappedPage) {
            return -1;
        }
        return linear + linearOffset;
    }

    @Override
    public long read(long gpa, int size) {
        if (gpa + size <= ram.length) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | (ram[(int) gpa + i] & 0xFF);
            }
            return v;
        }
        accesses.add("read %x/%d".formatted(gpa, size));
        return mmioValue & Alu.mask(size);
    }

    @Override
    public void write(long gpa, int size, long value) {
        if (gpa + size <= ram.length) {
            for (int i = 0; i < size; i++) {
                ram[(int) gpa + i] = (byte) (value >>> (8 * i));
            }
            return;
        }
        accesses.add("write %x/%d=%x".formatted(gpa, size, value));
    }

    @Override
    public long in(int port, int size) {
        accesses.add("in %x/%d".formatted(port, size));
        return portValue & Alu.mask(size);
    }

    @Override
    public void out(int port, int size, long value) {
        accesses.add("out %x/%d=%x".formatted(port, size, value));
    }

    static byte[] bytes(int... b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = (byte) b[i];
        }
        return r;
    }
}
