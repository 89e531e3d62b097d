package org.jvmm.cli.impl.log;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.osgi.service.log.LogLevel;
import org.osgi.service.log.Logger;
import org.osgi.service.log.admin.LoggerAdmin;
import org.osgi.service.log.admin.LoggerContext;

/**
 * Applies {@link LogLevels} to the Log Service's {@link LoggerAdmin}: the root context gets
 * {@code ROOT} and every named override (logger names are hierarchical, so a prefix covers its
 * children); each override also gets a context of its own, so that a bundle symbolic name sets
 * the level of everything that bundle logs. The framework's event loggers ({@code Events.*})
 * stay at {@code warn} unless named, so bundle and service events do not flood the log.
 */
public final class LoggerLevels {
    static final List<String> EVENT_LOGGERS = List.of("Events.Bundle", "Events.Service", "Events.Framework");

    private LoggerLevels() {
    }

    /** The level map for the root context. */
    public static Map<String, LogLevel> rootContext(LogLevels levels) {
        Map<String, LogLevel> map = new HashMap<>();
        map.put(Logger.ROOT_LOGGER_NAME, levels.root());
        for (String events : EVENT_LOGGERS) {
            map.put(events, levels.root().implies(LogLevel.WARN) ? LogLevel.WARN : levels.root());
        }
        map.putAll(levels.overrides());
        return map;
    }

    public static void apply(LoggerAdmin admin, LogLevels levels) {
        admin.getLoggerContext(null).setLogLevels(rootContext(levels));
        levels.overrides().forEach((name, level) -> {
            LoggerContext ctx = admin.getLoggerContext(name);
            ctx.setLogLevels(Map.of(Logger.ROOT_LOGGER_NAME, level));
        });
    }
}
