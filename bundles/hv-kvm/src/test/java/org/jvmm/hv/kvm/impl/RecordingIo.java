package org.jvmm.hv.kvm.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.Partition;

/**
 * A chipset stand-in for the tiny guests: records every port and MMIO access, answers reads from a
 * table (all ones otherwise), plays a one-shot PIC (acknowledging lowers the output) and records EOIs.
 */
final class RecordingIo implements CpuIo {
    enum Kind { PORT_OUT, PORT_IN, MMIO_WRITE, MMIO_READ }

    record Access(int vp, Kind kind, long address, int size, long value) {
    }

    final List<Access> log = new CopyOnWriteArrayList<>();
    final List<Integer> eois = new CopyOnWriteArrayList<>();
    final Map<Long, Long> portValues = new ConcurrentHashMap<>();
    final Map<Long, Long> mmioValues = new ConcurrentHashMap<>();
    volatile Partition pic;
    volatile int picVector = -1;

    @Override
    public long ioRead(int vp, int port, int size) {
        long v = portValues.getOrDefault((long) port, -1L) & mask(size);
        log.add(new Access(vp, Kind.PORT_IN, port, size, v));
        return v;
    }

    @Override
    public void ioWrite(int vp, int port, int size, long value) {
        log.add(new Access(vp, Kind.PORT_OUT, port, size, value));
    }

    @Override
    public long mmioRead(int vp, long address, int size) {
        long v = mmioValues.getOrDefault(address, -1L) & mask(size);
        log.add(new Access(vp, Kind.MMIO_READ, address, size, v));
        return v;
    }

    @Override
    public void mmioWrite(int vp, long address, int size, long value) {
        log.add(new Access(vp, Kind.MMIO_WRITE, address, size, value));
    }

    @Override
    public int acknowledgePicInterrupt() {
        int v = picVector;
        picVector = -1;
        if (pic != null) {
            pic.setPicOutput(false);
        }
        return v;
    }

    @Override
    public void handleEoi(int vector) {
        eois.add(vector);
    }

    /** The values written to {@code port}, in order. */
    List<Long> written(int port) {
        List<Long> out = new ArrayList<>();
        for (Access a : log) {
            if (a.kind() == Kind.PORT_OUT && a.address() == port) {
                out.add(a.value());
            }
        }
        return out;
    }

    /** Waits until some access matches; fails the test after {@code seconds}. */
    Access await(Predicate<Access> what, String description, int seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            for (Access a : log) {
                if (what.test(a)) {
                    return a;
                }
            }
            Thread.sleep(2);
        }
        throw new AssertionError("timed out waiting for " + description + "; saw " + log);
    }

    Access awaitOut(int port, long value) throws InterruptedException {
        return await(a -> a.kind() == Kind.PORT_OUT && a.address() == port && a.value() == value,
                "out 0x" + Integer.toHexString(port) + " <- 0x" + Long.toHexString(value), 10);
    }

    private static long mask(int size) {
        return size == 8 ? -1L : (1L << (8 * size)) - 1;
    }
}
