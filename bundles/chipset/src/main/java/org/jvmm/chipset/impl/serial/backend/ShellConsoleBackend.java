package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import org.jvmm.chipset.serial.SerialBackend;

/**
 * The {@code console} port while the interactive shell owns the terminal: output to stdout as
 * always, input only what {@code vm:console} types through {@link ConsoleSerialResolver}, the {@link org.jvmm.chipset.serial.ConsoleInput} service.
 */
final class ShellConsoleBackend implements SerialBackend {
    private final ByteSink out;
    private final InputBuffer input = new InputBuffer(4096);
    private final Runnable onClose;
    private volatile boolean closed;

    ShellConsoleBackend(OutputStream out, Runnable onClose) {
        this.out = new ByteSink(out);
        this.onClose = onClose;
    }

    static ShellConsoleBackend stdout(Runnable onClose) {
        return new ShellConsoleBackend(new FileOutputStream(FileDescriptor.out), onClose);
    }

    /** Bytes typed at the terminal; false once the backend is closed. */
    boolean type(byte[] bytes, int offset, int length) throws InterruptedException {
        if (closed) {
            return false;
        }
        input.put(bytes, offset, length);
        return !closed;
    }

    boolean isClosed() {
        return closed;
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
        closed = true;
        input.close();
        onClose.run();
    }
}
