package org.jvmm.cli.impl.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.log.LogLevel;

/**
 * {@code JVMM_LOG}, read the way OpenVMM reads {@code OPENVMM_LOG} (a tracing filter):
 * comma-separated directives, each {@code LEVEL} (the default for everything) or
 * {@code NAME=LEVEL} (a logger name prefix or a bundle symbolic name), or a bare {@code NAME}
 * (everything from it, i.e. trace). Levels: {@code trace}, {@code debug}, {@code info},
 * {@code warn}, {@code error}, {@code off}. The default is {@code info}. A bad directive is
 * reported in {@link #problems()} and ignored.
 *
 * @param root      the level of everything not named
 * @param overrides name to level, in the order given
 * @param problems  one line per ignored directive
 */
public record LogLevels(LogLevel root, Map<String, LogLevel> overrides, List<String> problems) {
    public static final String ENV = "JVMM_LOG";
    public static final LogLevel DEFAULT = LogLevel.INFO;

    public LogLevels {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        problems = List.copyOf(problems);
    }

    /** Parses a {@code JVMM_LOG} value; null or blank gives {@code info}. */
    public static LogLevels parse(String spec) {
        LogLevel root = DEFAULT;
        Map<String, LogLevel> overrides = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String raw : spec == null ? new String[0] : spec.split(",")) {
            String d = raw.strip();
            if (d.isEmpty()) {
                continue;
            }
            int eq = d.indexOf('=');
            if (eq < 0) {
                Optional<LogLevel> level = level(d);
                if (level.isPresent()) {
                    root = level.get();
                } else {
                    overrides.put(d, LogLevel.TRACE);
                }
                continue;
            }
            String name = d.substring(0, eq).strip();
            Optional<LogLevel> level = level(d.substring(eq + 1).strip());
            if (name.isEmpty() || level.isEmpty()) {
                problems.add("ignoring '" + d + "': expected NAME=LEVEL with LEVEL trace, debug, info, warn, error or off");
            } else {
                overrides.put(name, level.get());
            }
        }
        return new LogLevels(root, overrides, problems);
    }

    /** The most verbose level in effect anywhere. */
    public boolean anyAtLeast(LogLevel level) {
        return root.implies(level) || overrides.values().stream().anyMatch(l -> l.implies(level));
    }

    /** {@code off} maps to AUDIT (audit entries are always logged). */
    static Optional<LogLevel> level(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "trace" -> Optional.of(LogLevel.TRACE);
            case "debug" -> Optional.of(LogLevel.DEBUG);
            case "info" -> Optional.of(LogLevel.INFO);
            case "warn", "warning" -> Optional.of(LogLevel.WARN);
            case "error" -> Optional.of(LogLevel.ERROR);
            case "off" -> Optional.of(LogLevel.AUDIT);
            default -> Optional.empty();
        };
    }
}
