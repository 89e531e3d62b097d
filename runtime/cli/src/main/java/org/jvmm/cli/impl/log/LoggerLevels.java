package org.jvmm.cli.impl.log;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Sets {@link LogLevels} on java.util.logging's loggers: the root logger gets the root level and
 * each named prefix its own (JUL loggers form a tree by dots, so a prefix covers its children).
 * The framework's event loggers ({@code Events.Bundle.*}, {@code Events.Service.*},
 * {@code Events.Framework.*}) stay at {@code warn} unless {@code JVMM_LOG} names them, so bundle
 * and service events do not flood a debug log.
 */
final class LoggerLevels {
    static final String EVENTS = "Events";

    private LoggerLevels() {
    }

    /** Logger name ({@code ""} for the root) to level. */
    static Map<String, Level> levels(LogLevels levels) {
        Map<String, Level> map = new LinkedHashMap<>();
        map.put("", levels.root());
        boolean quieterThanWarn = levels.root().intValue() > Level.WARNING.intValue();
        map.put(EVENTS, quieterThanWarn ? levels.root() : Level.WARNING);
        map.putAll(levels.overrides());
        return map;
    }

    /**
     * Applies the levels and returns the loggers set. The caller must keep them: JUL holds
     * loggers weakly, and a logger that is collected forgets its level.
     */
    static List<Logger> apply(LogLevels levels) {
        List<Logger> set = new ArrayList<>();
        levels(levels).forEach((name, level) -> {
            Logger logger = Logger.getLogger(name);
            logger.setLevel(level);
            set.add(logger);
        });
        return List.copyOf(set);
    }
}
