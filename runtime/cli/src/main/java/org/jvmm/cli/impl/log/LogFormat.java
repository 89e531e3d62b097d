package org.jvmm.cli.impl.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.osgi.service.log.LogEntry;

/** {@code 2026-01-02T03:04:05.678Z INFO org.jvmm.vm.worker: message}, one line per entry. */
public final class LogFormat {
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private LogFormat() {
    }

    /**
     * The entry as text: one line, plus the exception's stack trace (indented) when
     * {@code stackTraces} is set; otherwise the exception is summarised at the end of the line.
     */
    public static String format(LogEntry e, boolean stackTraces) {
        StringBuilder sb = new StringBuilder();
        sb.append(TS.format(Instant.ofEpochMilli(e.getTime()))).append(' ')
                .append(e.getLogLevel()).append(' ')
                .append(loggerName(e)).append(": ")
                .append(oneLine(e.getMessage()));
        Throwable t = e.getException();
        if (t != null && !stackTraces) {
            sb.append(" (").append(oneLine(t.toString())).append(')');
        } else if (t != null) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            w.toString().lines().forEach(l -> sb.append(System.lineSeparator()).append("    ").append(l));
        }
        return sb.toString();
    }

    private static String loggerName(LogEntry e) {
        if (e.getLoggerName() != null && !e.getLoggerName().isEmpty()) {
            return e.getLoggerName();
        }
        return e.getBundle() == null ? "?" : e.getBundle().getSymbolicName();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
