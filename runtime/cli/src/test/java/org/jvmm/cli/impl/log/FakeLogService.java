package org.jvmm.cli.impl.log;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.framework.Bundle;
import org.osgi.framework.ServiceReference;
import org.osgi.service.log.LogEntry;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.LogListener;
import org.osgi.service.log.LogReaderService;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/** An in-memory LoggerAdmin and LogReaderService, recording what {@link LogSetup} does with them. */
final class FakeLogService implements LoggerAdmin, LogReaderService {
    final Map<String, Map<String, LogLevel>> contexts = new HashMap<>();
    final List<LogListener> listeners = new ArrayList<>();
    final List<LogEntry> history = new ArrayList<>();

    @Override
    public LoggerContext getLoggerContext(String name) {
        return new LoggerContext() {
            @Override
            public String getName() {
                return name;
            }

            /** Only the context's own ROOT level; enough for what LogSetup sets. */
            @Override
            public LogLevel getEffectiveLogLevel(String loggerName) {
                return getLogLevels().getOrDefault(Logger.ROOT_LOGGER_NAME, LogLevel.WARN);
            }

            @Override
            public Map<String, LogLevel> getLogLevels() {
                return contexts.getOrDefault(name, Map.of());
            }

            @Override
            public void setLogLevels(Map<String, LogLevel> levels) {
                contexts.put(name, Map.copyOf(levels));
            }

            @Override
            public void clear() {
                contexts.remove(name);
            }

            @Override
            public boolean isEmpty() {
                return !contexts.containsKey(name);
            }
        };
    }

    @Override
    public void addLogListener(LogListener listener) {
        listeners.add(listener);
    }

    @Override
    public void removeLogListener(LogListener listener) {
        listeners.remove(listener);
    }

    @Override
    public Enumeration<LogEntry> getLog() {
        List<LogEntry> newestFirst = new ArrayList<>(history);
        Collections.reverse(newestFirst);
        return Collections.enumeration(newestFirst);
    }

    void log(LogEntry e) {
        listeners.forEach(l -> l.logged(e));
    }

    /** A bundle that answers only its symbolic name. */
    static Bundle bundle(String symbolicName) {
        return (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getSymbolicName" -> symbolicName;
                    case "toString" -> symbolicName;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    static LogEntry entry(long time, Bundle bundle, LogLevel level, String logger, String message, Throwable t) {
        return new LogEntry() {
            @Override
            public Bundle getBundle() {
                return bundle;
            }

            @Override
            public ServiceReference<?> getServiceReference() {
                return null;
            }

            @Override
            @SuppressWarnings("deprecation")
            public int getLevel() {
                return level.ordinal();
            }

            @Override
            public String getMessage() {
                return message;
            }

            @Override
            public Throwable getException() {
                return t;
            }

            @Override
            public long getTime() {
                return time;
            }

            @Override
            public LogLevel getLogLevel() {
                return level;
            }

            @Override
            public String getLoggerName() {
                return logger;
            }

            @Override
            public long getSequence() {
                return time;
            }

            @Override
            public String getThreadInfo() {
                return "main";
            }

            @Override
            public StackTraceElement getLocation() {
                return null;
            }
        };
    }
}
