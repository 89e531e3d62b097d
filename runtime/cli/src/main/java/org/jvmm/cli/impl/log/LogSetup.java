package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.Logger;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * jvmm's one logging path: every bundle logs through the OSGi Log Service (Felix Log); this
 * component sets the levels from {@code JVMM_LOG} through {@link LoggerAdmin} and writes each
 * entry that its logger's effective level allows to stderr, or to {@code --log-file} once the
 * launcher asks for it. (The level is checked here too because Felix Log records framework
 * events without consulting the levels.) Warnings and errors logged before it started (kept in
 * the Log Service's history) are written first, oldest first.
 */
@Component(immediate = true, service = LogDestination.class)
public final class LogSetup implements LogDestination {
    private final LoggerAdmin admin;
    private final LogReaderService reader;
    private final LogSink sink = new LogSink(System.err);
    private final LogListener listener;

    @Activate
    public LogSetup(@Reference LoggerAdmin admin, @Reference LogReaderService reader) {
        this(admin, reader, System.getenv());
    }

    LogSetup(LoggerAdmin admin, LogReaderService reader, Map<String, String> env) {
        this.admin = admin;
        this.reader = reader;
        LogLevels levels = LogLevels.parse(env.get(LogLevels.ENV));
        levels.problems().forEach(p -> sink.write("jvmm: " + LogLevels.ENV + ": " + p));
        LoggerLevels.apply(admin, levels);
        boolean stackTraces = levels.anyAtLeast(LogLevel.DEBUG);
        this.listener = entry -> {
            if (enabled(entry)) {
                sink.write(LogFormat.format(entry, stackTraces));
            }
        };
        replayHistory(stackTraces);
        reader.addLogListener(listener);
    }

    /** Whether the effective level of the entry's logger, in its bundle's context, allows it. */
    boolean enabled(LogEntry e) {
        String context = e.getBundle() == null ? null : e.getBundle().getSymbolicName();
        String logger = e.getLoggerName() == null ? Logger.ROOT_LOGGER_NAME : e.getLoggerName();
        return admin.getLoggerContext(context).getEffectiveLogLevel(logger).implies(e.getLogLevel());
    }

    @Override
    public void useFile(Path file) throws IOException {
        sink.useFile(file);
    }

    @Deactivate
    void deactivate() throws IOException {
        reader.removeLogListener(listener);
        sink.close();
    }

    /** Warnings and errors logged before this component started, oldest first. */
    private void replayHistory(boolean stackTraces) {
        List<LogEntry> earlier = new ArrayList<>(Collections.list(reader.getLog()));
        Collections.reverse(earlier);
        for (LogEntry e : earlier) {
            if (LogLevel.WARN.implies(e.getLogLevel()) && enabled(e)) {
                sink.write(LogFormat.format(e, stackTraces));
            }
        }
    }
}
