package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes guest output to a stream byte by byte, unbuffered. A failed write is counted and the
 * byte dropped (guest output never fails); the first error's message is kept for inspection.
 */
final class ByteSink {
    private final OutputStream out;
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private volatile String firstError;

    ByteSink(OutputStream out) {
        this.out = out;
    }

    void write(int b) {
        try {
            out.write(b);
            written.incrementAndGet();
        } catch (IOException e) {
            if (errors.getAndIncrement() == 0) {
                firstError = e.toString();
            }
        }
    }

    long written() {
        return written.get();
    }

    long errors() {
        return errors.get();
    }

    String firstError() {
        return firstError;
    }

    void close() throws IOException {
        out.close();
    }
}
