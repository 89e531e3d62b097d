package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import org.jvmm.chipset.serial.SerialBackend;

/**
 * This process's stdout and stdin, plain (line-buffered by the terminal). Used when no interactive
 * shell owns stdin (see {@link ConsoleSerialResolver}); raw terminal mode and switching the input
 * between the guest and the shell are not handled here yet.
 */
final class ConsoleBackend implements SerialBackend {
    private final ByteSink out;
    private final InputBuffer input = new InputBuffer(4096);
    private final InputStream in;
    private Thread reader;

    ConsoleBackend(OutputStream out, InputStream in) {
        this.out = new ByteSink(out);
        this.in = in;
    }

    static ConsoleBackend stdio() {
        return new ConsoleBackend(new FileOutputStream(FileDescriptor.out), new FileInputStream(FileDescriptor.in));
    }

    /** Starts reading input; separate from construction so the wake listener can be set first. */
    synchronized ConsoleBackend start() {
        if (reader == null) {
            reader = StreamReaderThread.start("jvmm-serial-console-in", in, input);
        }
        return this;
    }

    @Override
    public void write(int b) {
        out.write(b);
    }

    @Override
    public int read() {
        return input.take();
    }

    @Override
    public void setWakeListener(Runnable wake) {
        input.setWakeListener(wake);
    }

    @Override
    public void close() {
        input.close();
    }
}
