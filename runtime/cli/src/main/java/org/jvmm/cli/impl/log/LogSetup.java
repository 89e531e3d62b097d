package org.jvmm.cli.impl.log;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.admin.LoggerAdmin;

/**
 * jvmm's one logging path. Code logs through {@code System.getLogger(name)}, which the JDK backs
 * with java.util.logging; this component owns JUL's configuration: it sets the levels from
 * {@code JVMM_LOG}, replaces the root logger's handlers with one {@link LogHandler} writing to
 * stderr, or to {@code --log-file} once the launcher asks for it, and forwards the OSGi Log
 * Service's entries (framework, SCR) into JUL. The Log Service's own levels are opened to the most
 * verbose level {@code JVMM_LOG} asks for, so that JUL alone decides what is written. Warnings
 * and errors the Log Service kept from before it started are written first, oldest first.
 * Deactivation gives the root logger its earlier handlers back; the levels stay.
 */
@Component(immediate = true, service = LogDestination.class)
public final class LogSetup implements LogDestination {
    private static final Logger ROOT = Logger.getLogger("");

    private final LogReaderService reader;
    private final LogHandler handler;
    private final OsgiLogForwarder forwarder = new OsgiLogForwarder();
    private final List<Handler> replaced;
    /** Holds the loggers whose levels were set: JUL keeps loggers weakly, and levels with them. */
    private final List<Logger> configured;

    @Activate
    public LogSetup(@Reference LoggerAdmin admin, @Reference LogReaderService reader) {
        this(admin, reader, System.getenv(), System.err);
    }

    LogSetup(LoggerAdmin admin, LogReaderService reader, Map<String, String> env, PrintStream stderr) {
        this.reader = reader;
        LogLevels levels = LogLevels.parse(env.get(LogLevels.ENV));
        this.handler = new LogHandler(stderr, new LogFormat(levels));
        this.configured = LoggerLevels.apply(levels);
        this.replaced = takeOverRoot(handler);
        levels.warning().ifPresent(w -> handler.publish(warning(w)));
        admin.getLoggerContext(null).setLogLevels(
                Map.of(org.osgi.service.log.Logger.ROOT_LOGGER_NAME, OsgiLogForwarder.osgiLevel(levels.mostVerbose())));
        forwarder.replay(reader);
        reader.addLogListener(forwarder);
    }

    @Override
    public void useFile(Path file) throws IOException {
        handler.useFile(file);
    }

    @Deactivate
    void deactivate() {
        reader.removeLogListener(forwarder);
        ROOT.removeHandler(handler);
        replaced.forEach(ROOT::addHandler);
        handler.close();
    }

    private static synchronized List<Handler> takeOverRoot(Handler handler) {
        List<Handler> earlier = List.of(ROOT.getHandlers());
        earlier.forEach(ROOT::removeHandler);
        ROOT.addHandler(handler);
        return earlier;
    }

    private static LogRecord warning(String text) {
        LogRecord r = new LogRecord(Level.WARNING, text);
        r.setLoggerName(LogSetup.class.getPackageName());
        return r;
    }
}
