package org.jvmm.hv.emu.impl;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jvmm.hv.api.CpuIo;

/** A chipset that records port writes, hands out scripted PIC vectors and records EOIs. */
final class RecordingCpuIo implements CpuIo {
    record PortWrite(int vp, int port, int size, long value) {
    }

    final List<PortWrite> writes = new CopyOnWriteArrayList<>();
    final Queue<Integer> picVectors = new ConcurrentLinkedQueue<>();
    final List<Integer> eois = new CopyOnWriteArrayList<>();
    /** Called for every port write (after recording it). */
    volatile Consumer<PortWrite> onWrite = w -> { };

    /** The bytes written to {@code port} by {@code vp}, as text. */
    String text(int vp, int port) {
        StringBuilder sb = new StringBuilder();
        for (PortWrite w : writes) {
            if (w.vp() == vp && w.port() == port) {
                sb.append((char) (w.value() & 0xFF));
            }
        }
        return sb.toString();
    }

    @Override
    public long ioRead(int vp, int port, int size) {
        return -1L;
    }

    @Override
    public void ioWrite(int vp, int port, int size, long value) {
        PortWrite w = new PortWrite(vp, port, size, value);
        writes.add(w);
        onWrite.accept(w);
    }

    @Override
    public long mmioRead(int vp, long address, int size) {
        return -1L;
    }

    @Override
    public void mmioWrite(int vp, long address, int size, long value) {
    }

    @Override
    public int acknowledgePicInterrupt() {
        Integer v = picVectors.poll();
        return v == null ? -1 : v;
    }

    @Override
    public void handleEoi(int vector) {
        eois.add(vector);
    }
}
