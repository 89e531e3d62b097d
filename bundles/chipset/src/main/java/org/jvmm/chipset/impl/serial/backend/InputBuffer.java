package org.jvmm.chipset.impl.serial.backend;

/**
 * Host input waiting for the guest: a bounded byte ring filled by a reader thread (which blocks
 * while it is full, pushing back on the host side) and drained by the port without blocking.
 */
final class InputBuffer {
    private static final Runnable NOTHING = () -> { };

    private final byte[] ring;
    private int head;
    private int count;
    private boolean closed;
    private volatile Runnable wake = NOTHING;

    InputBuffer(int capacity) {
        ring = new byte[capacity];
    }

    void setWakeListener(Runnable listener) {
        wake = listener == null ? NOTHING : listener;
    }

    /** Runs the wake listener (input arrived or the connection changed). */
    void wake() {
        wake.run();
    }

    /** The next byte or -1; never blocks. */
    synchronized int take() {
        if (count == 0) {
            return -1;
        }
        int b = ring[head] & 0xFF;
        head = (head + 1) % ring.length;
        count--;
        notifyAll();
        return b;
    }

    /** Appends {@code len} bytes, waiting while full; returns early (dropping the rest) once closed. */
    void put(byte[] bytes, int off, int len) throws InterruptedException {
        synchronized (this) {
            for (int i = 0; i < len; i++) {
                while (count == ring.length && !closed) {
                    wait();
                }
                if (closed) {
                    return;
                }
                ring[(head + count) % ring.length] = bytes[off + i];
                count++;
            }
        }
        wake();
    }

    synchronized int size() {
        return count;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
