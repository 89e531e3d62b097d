package org.jvmm.cli.impl.log;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * {@code 2026-01-02T03:04:05.678Z INFO org.jvmm.vm.worker.impl.Vm: message}, one line per record.
 * A record's exception adds one indented {@code cause:} line (the exception and its causes), or
 * its whole stack trace, indented, where the logger's level is {@code debug} or {@code trace}.
 */
public final class LogFormat extends Formatter {
    private static final DateTimeFormatter TS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);
    private static final int MAX_CAUSES = 8;
    private static final String INDENT = "    ";

    private final Predicate<String> stackTraces;

    /** Stack traces for the loggers whose level in {@code levels} is debug or trace. */
    public LogFormat(LogLevels levels) {
        this(name -> levels.levelOf(name).intValue() <= Level.FINE.intValue());
    }

    LogFormat(Predicate<String> stackTraces) {
        this.stackTraces = stackTraces;
    }

    @Override
    public String format(LogRecord r) {
        String logger = r.getLoggerName() == null || r.getLoggerName().isEmpty() ? "root" : r.getLoggerName();
        StringBuilder sb = new StringBuilder()
                .append(TS.format(r.getInstant())).append(' ')
                .append(levelName(r.getLevel())).append(' ')
                .append(logger).append(": ")
                .append(oneLine(formatMessage(r))).append(System.lineSeparator());
        Throwable t = r.getThrown();
        if (t != null && stackTraces.test(r.getLoggerName())) {
            StringWriter w = new StringWriter();
            t.printStackTrace(new PrintWriter(w));
            w.toString().lines().forEach(l -> sb.append(INDENT).append(l).append(System.lineSeparator()));
        } else if (t != null) {
            sb.append(INDENT).append("cause: ").append(causes(t)).append(System.lineSeparator());
        }
        return sb.toString();
    }

    /** jvmm's name of a JUL level: ERROR, WARN, INFO, DEBUG (FINE, CONFIG) or TRACE. */
    static String levelName(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return "ERROR";
        } else if (v >= Level.WARNING.intValue()) {
            return "WARN";
        } else if (v >= Level.INFO.intValue()) {
            return "INFO";
        }
        return v >= Level.FINE.intValue() ? "DEBUG" : "TRACE";
    }

    private static String causes(Throwable t) {
        StringBuilder sb = new StringBuilder(oneLine(t.toString()));
        Throwable c = t.getCause();
        for (int n = 0; c != null && c != t && n < MAX_CAUSES; n++, c = c.getCause()) {
            sb.append("; caused by ").append(oneLine(c.toString()));
        }
        return sb.toString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
