package org.jvmm.chipset.serial;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;

/** A serial backend in memory, for tests: input is fed in, output collected. */
public final class MemorySerialBackend implements SerialBackend {
    private final ArrayDeque<Byte> input = new ArrayDeque<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private boolean connected = true;
    private boolean closed;
    private Runnable wake = () -> { };

    @Override
    public synchronized void write(int b) {
        output.write(b);
    }

    @Override
    public synchronized int read() {
        Byte b = input.poll();
        return b == null ? -1 : b & 0xFF;
    }

    @Override
    public synchronized boolean connected() {
        return connected;
    }

    @Override
    public void setWakeListener(Runnable wake) {
        synchronized (this) {
            this.wake = wake == null ? () -> { } : wake;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
    }

    /** Queues {@code bytes} as host input and wakes the port. */
    public void feed(byte[] bytes) {
        Runnable w;
        synchronized (this) {
            for (byte b : bytes) {
                input.add(b);
            }
            w = wake;
        }
        w.run();
    }

    /** Queues the UTF-8 bytes of {@code text} as host input. */
    public void feed(String text) {
        feed(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Attaches or detaches the peer and wakes the port. */
    public void setConnected(boolean value) {
        Runnable w;
        synchronized (this) {
            connected = value;
            w = wake;
        }
        w.run();
    }

    /** Everything the guest transmitted so far. */
    public synchronized byte[] output() {
        return output.toByteArray();
    }

    /** {@link #output()} as ISO-8859-1 text (one char per byte). */
    public synchronized String outputText() {
        return output.toString(StandardCharsets.ISO_8859_1);
    }

    /** Input bytes not yet taken by the port. */
    public synchronized int pendingInput() {
        return input.size();
    }

    public synchronized boolean isClosed() {
        return closed;
    }
}
