package org.jvmm.cli.impl.log;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

/**
 * {@code JVMM_LOG}, read the way OpenVMM reads {@code OPENVMM_LOG}: comma-separated directives,
 * each {@code LEVEL} (the level of every logger not named) or {@code NAME=LEVEL} (a logger name
 * or a dot-separated prefix of one, such as a package or a bundle symbolic name). Levels, in any
 * case: {@code error}, {@code warn}, {@code info}, {@code debug}, {@code trace}, {@code off}, which
 * are java.util.logging's SEVERE, WARNING, INFO, FINE, FINEST and OFF. The default is
 * {@code warn}. A bad directive is ignored and named in {@link #warning()}.
 *
 * @param root      the level of every logger not named
 * @param overrides logger name prefix to level, in the order given (a later repeat wins)
 * @param badParts  the directives that were ignored, as written
 */
public record LogLevels(Level root, Map<String, Level> overrides, List<String> badParts) {
    public static final String ENV = "JVMM_LOG";
    public static final Level DEFAULT = Level.WARNING;

    public LogLevels {
        overrides = Collections.unmodifiableMap(new LinkedHashMap<>(overrides));
        badParts = List.copyOf(badParts);
    }

    /** Parses a {@code JVMM_LOG} value; null or blank gives the default. */
    public static LogLevels parse(String spec) {
        Level root = DEFAULT;
        Map<String, Level> overrides = new LinkedHashMap<>();
        List<String> bad = new ArrayList<>();
        for (String raw : spec == null ? new String[0] : spec.split(",")) {
            String d = raw.strip();
            if (d.isEmpty()) {
                continue;
            }
            int eq = d.indexOf('=');
            String name = eq < 0 ? null : d.substring(0, eq).strip();
            Optional<Level> level = level(eq < 0 ? d : d.substring(eq + 1).strip());
            if (level.isEmpty() || "".equals(name)) {
                bad.add(d);
            } else if (name == null) {
                root = level.get();
            } else {
                overrides.remove(name);
                overrides.put(name, level.get());
            }
        }
        return new LogLevels(root, overrides, bad);
    }

    /** A level's name in {@code JVMM_LOG} as java.util.logging's level. */
    public static Optional<Level> level(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "error" -> Optional.of(Level.SEVERE);
            case "warn" -> Optional.of(Level.WARNING);
            case "info" -> Optional.of(Level.INFO);
            case "debug" -> Optional.of(Level.FINE);
            case "trace" -> Optional.of(Level.FINEST);
            case "off" -> Optional.of(Level.OFF);
            default -> Optional.empty();
        };
    }

    /** The level of a logger: that of the longest name it equals or is a dot-child of, else root. */
    public Level levelOf(String loggerName) {
        String best = null;
        for (String name : overrides.keySet()) {
            boolean covers = loggerName != null
                    && (loggerName.equals(name) || loggerName.startsWith(name + "."));
            if (covers && (best == null || name.length() > best.length())) {
                best = name;
            }
        }
        return best == null ? root : overrides.get(best);
    }

    /** The most verbose level in effect anywhere. */
    public Level mostVerbose() {
        Level most = root;
        for (Level l : overrides.values()) {
            most = l.intValue() < most.intValue() ? l : most;
        }
        return most;
    }

    /** One line naming the ignored directives, if any. */
    public Optional<String> warning() {
        if (badParts.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ENV + ": ignoring '" + String.join("', '", badParts)
                + "' (expected LEVEL or NAME=LEVEL, LEVEL one of error, warn, info, debug, trace, off)");
    }
}
