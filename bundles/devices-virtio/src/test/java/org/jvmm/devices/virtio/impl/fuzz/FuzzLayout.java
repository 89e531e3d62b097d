package org.jvmm.devices.virtio.impl.fuzz;

import java.util.Random;

/**
 * Guest memory of a fuzz run: RAM {@code [0, 64 KiB)} and {@code [128 KiB, 192 KiB)} around a hole.
 * The low range holds, in order: the rings of queues 0 and 1 (descriptors, driver area, device area,
 * 4 KiB each), indirect tables, a canary no descriptor or ring ever names, then buffers; the high
 * range is buffers. Everything below {@link #BUFFERS_LOW} except the device areas must never be
 * written by a device: only used rings and buffers are.
 */
final class FuzzLayout {
    static final long LOW_END = 0x1_0000;
    static final long HIGH = 0x2_0000;
    static final long HIGH_END = 0x3_0000;
    static final int QUEUES = 2;
    static final long QUEUE_STRIDE = 0x3000;
    static final long INDIRECT = 0x6000;
    static final long INDIRECT_END = 0x8000;
    static final long CANARY = 0x8000;
    static final long BUFFERS_LOW = 0xC000;

    private FuzzLayout() {
    }

    static long desc(int q) {
        return q * QUEUE_STRIDE;
    }

    static long avail(int q) {
        return q * QUEUE_STRIDE + 0x1000;
    }

    static long used(int q) {
        return q * QUEUE_STRIDE + 0x2000;
    }

    /** A ring address for area {@code proper}: mostly right, sometimes misaligned or not RAM. */
    static long ringAddress(Random r, long proper) {
        return switch (r.nextInt(40)) {
            case 0 -> proper + 1 + r.nextInt(3);
            case 1 -> LOW_END + r.nextInt(0x1_0000);
            case 2 -> HIGH_END + 16L * r.nextInt(1 << 12);
            case 3 -> 1L << (33 + r.nextInt(30));
            default -> proper;
        };
    }

    /** A buffer address and length: mostly inside a buffer area, sometimes running out of RAM or absurd. */
    static long[] buffer(Random r) {
        int kind = r.nextInt(100);
        long addr;
        if (kind < 40) {
            addr = BUFFERS_LOW + r.nextInt((int) (LOW_END - BUFFERS_LOW));
        } else if (kind < 80) {
            addr = HIGH + r.nextInt((int) (HIGH_END - HIGH));
        } else if (kind < 88) {
            addr = LOW_END + r.nextInt((int) (HIGH - LOW_END));
        } else if (kind < 94) {
            addr = HIGH_END + r.nextInt(1 << 20);
        } else {
            addr = r.nextLong();
        }
        long room = addr < LOW_END ? LOW_END - addr : HIGH_END - addr;
        long len = switch (r.nextInt(20)) {
            case 0 -> 0;
            case 1 -> 0xFFFF_FFFFL;
            case 2 -> Integer.toUnsignedLong(r.nextInt());
            case 3 -> room + 1 + r.nextInt(64);
            default -> room <= 0 ? r.nextInt(4096) : 1 + (long) (r.nextDouble() * r.nextDouble() * Math.min(room, 0x3000));
        };
        return new long[] {addr, len};
    }
}
