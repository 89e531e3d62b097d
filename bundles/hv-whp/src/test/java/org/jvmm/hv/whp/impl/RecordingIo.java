package org.jvmm.hv.whp.impl;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.api.CpuIo;

/** A chipset that records accesses; reads return {@link #readValue}, the PIC answers {@link #picVector}. */
final class RecordingIo implements CpuIo {
    final List<String> log = new ArrayList<>();
    long readValue = 0x1234_5678_9ABC_DEF0L;
    int picVector = 0x30;

    @Override
    public long ioRead(int vp, int port, int size) {
        log.add("in %d %x/%d".formatted(vp, port, size));
        return readValue;
    }

    @Override
    public void ioWrite(int vp, int port, int size, long value) {
        log.add("out %d %x/%d=%x".formatted(vp, port, size, value));
    }

    @Override
    public long mmioRead(int vp, long address, int size) {
        log.add("mmio read %d %x/%d".formatted(vp, address, size));
        return readValue;
    }

    @Override
    public void mmioWrite(int vp, long address, int size, long value) {
        log.add("mmio write %d %x/%d=%x".formatted(vp, address, size, value));
    }

    @Override
    public int acknowledgePicInterrupt() {
        log.add("pic ack");
        return picVector;
    }

    @Override
    public void handleEoi(int vector) {
        log.add("eoi " + vector);
    }
}
