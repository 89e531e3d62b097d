package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where formatted log text goes: stderr until {@link #useFile} switches to a file. Never stdout,
 * which carries the guest console. Every write is flushed at once.
 */
public final class LogSink implements AutoCloseable {
    private final PrintStream stderr;
    private PrintStream out;

    public LogSink(PrintStream stderr) {
        this.stderr = stderr;
        this.out = stderr;
    }

    /** Writes {@code text} as given and flushes; false if the stream has failed. */
    public synchronized boolean write(String text) {
        out.print(text);
        out.flush();
        return !out.checkError();
    }

    /** Sends later text to {@code path}, overwritten, instead of stderr. */
    public void useFile(Path path) throws IOException {
        OutputStream opened = Files.newOutputStream(path);
        PrintStream old;
        synchronized (this) {
            old = out;
            out = new PrintStream(opened, true, StandardCharsets.UTF_8);
        }
        closeUnlessStderr(old);
    }

    /** Closes the file, if any; later text goes to stderr. */
    @Override
    public void close() throws IOException {
        PrintStream old;
        synchronized (this) {
            old = out;
            out = stderr;
        }
        closeUnlessStderr(old);
    }

    private void closeUnlessStderr(PrintStream s) throws IOException {
        if (s != stderr) {
            s.close();
            if (s.checkError()) {
                throw new IOException("closing the log file failed");
            }
        }
    }
}
