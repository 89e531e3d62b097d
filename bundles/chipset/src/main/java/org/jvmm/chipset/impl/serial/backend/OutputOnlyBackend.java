package org.jvmm.chipset.impl.serial.backend;

import java.io.IOException;
import org.jvmm.chipset.serial.SerialBackend;

/** Output to a stream (stderr or a file), no input. */
final class OutputOnlyBackend implements SerialBackend {
    private final ByteSink sink;
    private final boolean closeStream;

    OutputOnlyBackend(ByteSink sink, boolean closeStream) {
        this.sink = sink;
        this.closeStream = closeStream;
    }

    @Override
    public void write(int b) {
        sink.write(b);
    }

    @Override
    public int read() {
        return -1;
    }

    @Override
    public void setWakeListener(Runnable wake) {
        // no input
    }

    ByteSink sink() {
        return sink;
    }

    @Override
    public void close() {
        if (!closeStream) {
            return;
        }
        try {
            sink.close();
        } catch (IOException e) {
            // the file's bytes were written unbuffered; a failing close loses nothing
            System.getLogger(OutputOnlyBackend.class.getName()).log(System.Logger.Level.WARNING,
                    "closing serial output failed: " + e);
        }
    }
}
