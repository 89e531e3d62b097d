package org.jvmm.cli.impl.log;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;

/**
 * Sends OSGi Log Service entries (the framework's, SCR's, any bundle's that uses the Log Service)
 * to java.util.logging, so that {@code JVMM_LOG} levels and jvmm's handler apply to them as to
 * everything else. An entry goes to the JUL logger named after its bundle's symbolic name; the
 * framework's events keep their own logger names ({@code Events.Bundle.<bsn>} and so on).
 */
final class OsgiLogForwarder implements LogListener {
    static final String EVENTS_PREFIX = LoggerLevels.EVENTS + ".";

    @Override
    public void logged(LogEntry e) {
        LogRecord r = record(e);
        Logger.getLogger(r.getLoggerName()).log(r);
    }

    /** Forwards the warnings and errors logged before this listener was added, oldest first. */
    void replay(LogReaderService reader) {
        List<LogEntry> earlier = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(earlier);
        for (LogEntry e : earlier) {
            if (LogLevel.WARN.implies(e.getLogLevel())) {
                logged(e);
            }
        }
    }

    static LogRecord record(LogEntry e) {
        LogRecord r = new LogRecord(level(e.getLogLevel()), e.getMessage());
        r.setInstant(Instant.ofEpochMilli(e.getTime()));
        r.setThrown(e.getException());
        r.setLoggerName(loggerName(e));
        return r;
    }

    static String loggerName(LogEntry e) {
        String name = e.getLoggerName() == null ? "" : e.getLoggerName();
        if (name.startsWith(EVENTS_PREFIX)) {
            return name;
        }
        String bsn = e.getBundle() == null ? null : e.getBundle().getSymbolicName();
        return bsn != null ? bsn : name;
    }

    /** An OSGi level as JUL's; AUDIT ("always logged") becomes SEVERE. */
    static Level level(LogLevel level) {
        return switch (level) {
            case AUDIT, ERROR -> Level.SEVERE;
            case WARN -> Level.WARNING;
            case INFO -> Level.INFO;
            case DEBUG -> Level.FINE;
            case TRACE -> Level.FINEST;
        };
    }

    /** The least verbose OSGi level that still produces every entry a JUL {@code level} takes. */
    static LogLevel osgiLevel(Level level) {
        int v = level.intValue();
        if (v >= Level.SEVERE.intValue()) {
            return LogLevel.ERROR;
        } else if (v >= Level.WARNING.intValue()) {
            return LogLevel.WARN;
        } else if (v >= Level.INFO.intValue()) {
            return LogLevel.INFO;
        }
        return v > Level.FINEST.intValue() ? LogLevel.DEBUG : LogLevel.TRACE;
    }
}
