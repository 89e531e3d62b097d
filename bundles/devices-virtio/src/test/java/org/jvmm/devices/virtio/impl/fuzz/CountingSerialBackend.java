package org.jvmm.devices.virtio.impl.fuzz;

import java.util.ArrayDeque;
import org.jvmm.chipset.serial.SerialBackend;

/** A serial backend that counts output (a fuzz run writes too much to keep) and queues input. */
final class CountingSerialBackend implements SerialBackend {
    private final ArrayDeque<Integer> input = new ArrayDeque<>();
    private long written;
    private Runnable wake = () -> { };

    @Override
    public synchronized void write(int b) {
        if (b < 0 || b > 255) {
            throw new AssertionError("serial byte out of range: " + b);
        }
        written++;
    }

    @Override
    public synchronized int read() {
        Integer b = input.poll();
        return b == null ? -1 : b;
    }

    @Override
    public synchronized void setWakeListener(Runnable wake) {
        this.wake = wake;
    }

    void feed(byte[] bytes) {
        Runnable w;
        synchronized (this) {
            if (input.size() < 4096) {
                for (byte b : bytes) {
                    input.add(b & 0xFF);
                }
            }
            w = wake;
        }
        w.run();
    }

    synchronized long written() {
        return written;
    }

    @Override
    public void close() {
    }
}
