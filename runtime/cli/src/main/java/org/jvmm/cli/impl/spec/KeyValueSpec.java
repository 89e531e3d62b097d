package org.jvmm.cli.impl.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The comma-separated {@code key=value} syntax of OpenVMM's {@code vmm_cli::KeyValueArgs}:
 * an optional leading positional token, flags ({@code ro}, {@code ro=on}, {@code ro=off}),
 * keys that need a value, and keys whose value is optional ({@code vpci}, {@code vpci=GUID}).
 * Splitting honours {@code [...]} nesting. Unknown, duplicate and empty options are errors.
 */
public final class KeyValueSpec {
    enum Kind { FLAG, VALUE, OPTIONAL_VALUE }

    private final String positional;
    private final Map<String, Kind> keys = new LinkedHashMap<>();
    private final Set<String> required = new LinkedHashSet<>();

    private KeyValueSpec(String positional) {
        this.positional = positional;
    }

    /** Options only. */
    public static KeyValueSpec options() {
        return new KeyValueSpec(null);
    }

    /** A leading positional token called {@code name} (in errors), then options. */
    public static KeyValueSpec positional(String name) {
        return new KeyValueSpec(name);
    }

    public KeyValueSpec flags(String... names) {
        return add(Kind.FLAG, names);
    }

    public KeyValueSpec values(String... names) {
        return add(Kind.VALUE, names);
    }

    public KeyValueSpec optionalValue(String name) {
        return add(Kind.OPTIONAL_VALUE, name);
    }

    /** Value keys that must be present. */
    public KeyValueSpec required(String... names) {
        add(Kind.VALUE, names);
        required.addAll(List.of(names));
        return this;
    }

    public KeyValues parse(String s) throws SpecException {
        List<String> parts = split(s);
        int first = 0;
        String head = null;
        if (positional != null) {
            head = parts.isEmpty() ? "" : parts.getFirst();
            if (head.isEmpty()) {
                throw new SpecException("missing required '" + positional + "'");
            }
            first = 1;
        }
        Map<String, String> values = new LinkedHashMap<>();
        for (String part : parts.subList(first, parts.size())) {
            accept(part, values);
        }
        for (String key : required) {
            if (!values.containsKey(key)) {
                throw new SpecException("missing required option '" + key + "'");
            }
        }
        return new KeyValues(head, values);
    }

    /** Splits on top-level commas; {@code [a,b]} stays one part. Empty parts are errors. */
    public static List<String> split(String s) throws SpecException {
        List<String> parts = new ArrayList<>();
        if (s.isEmpty()) {
            return parts;
        }
        int depth = 0;
        int start = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '[') {
                depth++;
            } else if (c == ']') {
                if (depth == 0) {
                    throw new SpecException("unmatched ']' in '" + s + "'");
                }
                depth--;
            } else if (c == ',' && depth == 0) {
                parts.add(nonEmpty(s.substring(start, i), s));
                start = i + 1;
            }
        }
        if (depth != 0) {
            throw new SpecException("unmatched '[' in '" + s + "'");
        }
        parts.add(nonEmpty(s.substring(start), s));
        return parts;
    }

    private void accept(String part, Map<String, String> values) throws SpecException {
        int eq = part.indexOf('=');
        String key = eq < 0 ? part : part.substring(0, eq);
        String value = eq < 0 ? null : part.substring(eq + 1);
        if (key.isEmpty()) {
            throw new SpecException("option key cannot be empty");
        }
        Kind kind = keys.get(key);
        if (kind == null) {
            throw new SpecException("unknown option '" + key + "'; expected one of: " + expected());
        }
        String stored = switch (kind) {
            case FLAG -> toggle(key, value);
            case VALUE -> requireValue(key, value);
            case OPTIONAL_VALUE -> optional(key, value);
        };
        if (values.putIfAbsent(key, stored) != null) {
            throw new SpecException((kind == Kind.FLAG ? "duplicate flag '" : "duplicate option '") + key + "'");
        }
    }

    private static String toggle(String key, String value) throws SpecException {
        if (value == null || value.equals("on")) {
            return "on";
        }
        if (value.equals("off")) {
            return "off";
        }
        throw new SpecException("flag '" + key + "' expects no value, 'on', or 'off', got '" + value + "'");
    }

    private static String requireValue(String key, String value) throws SpecException {
        if (value == null || value.isEmpty()) {
            throw new SpecException("option '" + key + "' requires a value");
        }
        return value;
    }

    private static String optional(String key, String value) throws SpecException {
        if (value != null && value.isEmpty()) {
            throw new SpecException("option '" + key + "' requires a value after '='");
        }
        return value == null ? "" : value;
    }

    private String expected() {
        return keys.keySet().stream().map(k -> "'" + k + "'").collect(Collectors.joining(", "));
    }

    private KeyValueSpec add(Kind kind, String... names) {
        for (String n : names) {
            keys.put(n, kind);
        }
        return this;
    }

    private static String nonEmpty(String part, String whole) throws SpecException {
        if (part.isEmpty()) {
            throw new SpecException("empty option in '" + whole + "'");
        }
        return part;
    }
}
