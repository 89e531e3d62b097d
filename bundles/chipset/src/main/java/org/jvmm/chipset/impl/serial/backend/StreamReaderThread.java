package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import java.io.InputStream;

/** A daemon thread copying a host input stream into an {@link InputBuffer} until end of stream. */
final class StreamReaderThread {
    private StreamReaderThread() {
    }

    static Thread start(String name, InputStream in, InputBuffer buffer) {
        Thread t = Thread.ofPlatform().daemon().name(name).unstarted(() -> copy(in, buffer));
        t.start();
        return t;
    }

    /** Copies until end of stream, an I/O error or the buffer's close; returns the reason. */
    static String copy(InputStream in, InputBuffer buffer) {
        byte[] chunk = new byte[512];
        try {
            for (int n; (n = in.read(chunk)) >= 0; ) {
                buffer.put(chunk, 0, n);
            }
            return "end of input";
        } catch (IOException e) {
            return e.toString();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
