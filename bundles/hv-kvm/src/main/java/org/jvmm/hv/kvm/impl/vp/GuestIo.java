package org.jvmm.hv.kvm.impl.vp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.kvm.impl.ffm.KvmRun;

/**
 * Completes KVM_EXIT_IO and KVM_EXIT_MMIO through {@link CpuIo}: string port I/O ({@code rep outsb},
 * {@code rep insw}...) arrives as {@code count} elements in kvm_run's data page, each one access; MMIO
 * of a size other than 1, 2, 4 or 8 bytes is split into byte accesses. Nothing here allocates.
 */
final class GuestIo {
    private static final ValueLayout.OfShort LE16 = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt LE32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfLong LE64 = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final int vp;
    private final KvmRun run;
    long portAccesses;
    long mmioAccesses;

    GuestIo(int vp, KvmRun run) {
        this.vp = vp;
        this.run = run;
    }

    void port(CpuIo io) {
        int port = run.ioPort();
        int size = run.ioSize();
        int count = run.ioCount();
        MemorySegment data = run.ioData();
        boolean out = run.ioIsOut();
        for (int i = 0; i < count; i++) {
            long at = (long) i * size;
            if (out) {
                io.ioWrite(vp, port, size, get(data, at, size));
            } else {
                put(data, at, size, io.ioRead(vp, port, size));
            }
        }
        portAccesses += count;
    }

    void mmio(CpuIo io) {
        long address = run.mmioAddress();
        int len = run.mmioLength();
        MemorySegment data = run.mmioData();
        boolean write = run.mmioIsWrite();
        if (len == 1 || len == 2 || len == 4 || len == 8) {
            if (write) {
                io.mmioWrite(vp, address, len, get(data, 0, len));
            } else {
                put(data, 0, len, io.mmioRead(vp, address, len));
            }
        } else {
            for (int i = 0; i < Math.min(len, 8); i++) {
                if (write) {
                    io.mmioWrite(vp, address + i, 1, get(data, i, 1));
                } else {
                    put(data, i, 1, io.mmioRead(vp, address + i, 1));
                }
            }
        }
        mmioAccesses++;
    }

    static long get(MemorySegment s, long at, int size) {
        return switch (size) {
            case 1 -> Byte.toUnsignedLong(s.get(ValueLayout.JAVA_BYTE, at));
            case 2 -> Short.toUnsignedLong(s.get(LE16, at));
            case 4 -> Integer.toUnsignedLong(s.get(LE32, at));
            default -> s.get(LE64, at);
        };
    }

    static void put(MemorySegment s, long at, int size, long value) {
        switch (size) {
            case 1 -> s.set(ValueLayout.JAVA_BYTE, at, (byte) value);
            case 2 -> s.set(LE16, at, (short) value);
            case 4 -> s.set(LE32, at, (int) value);
            default -> s.set(LE64, at, value);
        }
    }
}
