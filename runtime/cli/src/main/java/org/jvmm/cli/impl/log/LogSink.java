package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where formatted log lines go: stderr until {@link #useFile} switches to a file. Never stdout,
 * which carries the guest console.
 */
public final class LogSink implements AutoCloseable {
    private final PrintStream stderr;
    private PrintStream out;
    private OutputStream file;

    public LogSink(PrintStream stderr) {
        this.stderr = stderr;
        this.out = stderr;
    }

    public synchronized void write(String text) {
        out.println(text);
        out.flush();
    }

    /** Sends later lines to {@code path}, overwritten, instead of stderr. */
    public synchronized void useFile(Path path) throws IOException {
        OutputStream opened = Files.newOutputStream(path);
        closeFile();
        file = opened;
        out = new PrintStream(opened, true, StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void close() throws IOException {
        out = stderr;
        closeFile();
    }

    private void closeFile() throws IOException {
        if (file != null) {
            OutputStream f = file;
            file = null;
            f.close();
        }
    }
}
