package org.jvmm.hv.emu.impl.cpu;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An I/O bus for tests: records writes, answers reads from a map (all ones when absent). */
final class RecordingIo implements IoBus {

    record Access(boolean mmio, long address, int size, long value) {
    }

    final List<Access> writes = new ArrayList<>();
    final Map<Long, Long> portValues = new HashMap<>();
    final Map<Long, Long> mmioValues = new HashMap<>();
    final StringBuilder console = new StringBuilder();
    /** Port whose byte writes go to {@link #console}. */
    static final int CONSOLE = 0xE9;

    private static long ones(int size) {
        return size == 8 ? -1L : (1L << (size * 8)) - 1;
    }

    @Override
    public long portRead(int port, int size) {
        return portValues.getOrDefault((long) port, ones(size)) & ones(size);
    }

    @Override
    public void portWrite(int port, int size, long value) {
        if (port == CONSOLE) {
            console.append((char) (value & 0xFF));
        }
        writes.add(new Access(false, port, size, value));
    }

    @Override
    public long mmioRead(long gpa, int size) {
        return mmioValues.getOrDefault(gpa, ones(size)) & ones(size);
    }

    @Override
    public void mmioWrite(long gpa, int size, long value) {
        writes.add(new Access(true, gpa, size, value));
    }

    List<Long> portWrites(int port) {
        return writes.stream().filter(a -> !a.mmio() && a.address() == port).map(Access::value).toList();
    }
}
