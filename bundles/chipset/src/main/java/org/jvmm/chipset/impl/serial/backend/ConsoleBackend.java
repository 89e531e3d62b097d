package org.jvmm.chipset.impl.serial.backend;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.function.Supplier;
import org.jvmm.chipset.serial.SerialBackend;

/**
 * This process's stdout and stdin. On a terminal ({@link RawTerminal} given) the terminal is in
 * raw mode while the backend is open, as a serial line: every typed byte, Ctrl-C included, goes to
 * the guest, except Ctrl-Q when an escape handler is registered (see {@link ConsoleSerialResolver}):
 * that restores the terminal and runs the handler. Without a terminal (pipes, files) input is
 * passed on as it comes, Ctrl-Q included.
 */
final class ConsoleBackend implements SerialBackend {
    private final ByteSink out;
    private final InputBuffer input = new InputBuffer(4096);
    private final InputStream in;
    private final Optional<RawTerminal> raw;
    private final Supplier<Optional<Runnable>> escape;
    private Thread reader;

    /** Plain: no terminal handling, no escape. */
    ConsoleBackend(OutputStream out, InputStream in) {
        this(out, in, Optional.empty(), Optional::empty);
    }

    /** With {@code raw}, Ctrl-Q in {@code in} runs {@code escape}'s handler, when it has one. */
    ConsoleBackend(OutputStream out, InputStream in, Optional<RawTerminal> raw, Supplier<Optional<Runnable>> escape) {
        this.out = new ByteSink(out);
        this.raw = raw;
        this.escape = escape;
        this.in = raw.isPresent() ? new EscapeFilterInputStream(in, this::escape) : in;
    }

    static ConsoleBackend stdio(Optional<RawTerminal> raw, Supplier<Optional<Runnable>> escape) {
        return new ConsoleBackend(new FileOutputStream(FileDescriptor.out), new FileInputStream(FileDescriptor.in),
                raw, escape);
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

    /** Stops passing input on and restores the terminal. */
    @Override
    public void close() {
        input.close();
        raw.ifPresent(RawTerminal::restore);
    }

    /** Ctrl-Q typed: with a handler, the terminal is restored first, so the handler's output reads normally. */
    private boolean escape() {
        Optional<Runnable> handler = escape.get();
        handler.ifPresent(h -> {
            raw.ifPresent(RawTerminal::restore);
            h.run();
        });
        return handler.isPresent();
    }
}
