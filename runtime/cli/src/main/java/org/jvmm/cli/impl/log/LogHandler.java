package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.logging.ErrorManager;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * jvmm's one java.util.logging handler: formats each record and writes it to a {@link LogSink}
 * (stderr, or the log file). It takes every record it is given; the loggers' levels do the
 * filtering. A failure is reported once, on stderr, by JUL's {@link ErrorManager}.
 */
final class LogHandler extends Handler {
    private final LogSink sink;

    LogHandler(PrintStream stderr, Formatter format) {
        this.sink = new LogSink(stderr);
        setFormatter(format);
        setLevel(Level.ALL);
    }

    @Override
    public void publish(LogRecord r) {
        if (!isLoggable(r)) {
            return;
        }
        String text;
        try {
            text = getFormatter().format(r);
        } catch (RuntimeException e) {
            reportError("cannot format a log record", e, ErrorManager.FORMAT_FAILURE);
            return;
        }
        if (!sink.write(text)) {
            reportError("cannot write the log", null, ErrorManager.WRITE_FAILURE);
        }
    }

    /** Sends later records to {@code path}, overwritten, instead of stderr. */
    void useFile(Path path) throws IOException {
        sink.useFile(path);
    }

    /** Nothing to do: every write is flushed. */
    @Override
    public void flush() {
    }

    /** Closes the log file, if any; later records go to stderr. */
    @Override
    public void close() {
        try {
            sink.close();
        } catch (IOException e) {
            reportError(e.getMessage(), e, ErrorManager.CLOSE_FAILURE);
        }
    }
}
