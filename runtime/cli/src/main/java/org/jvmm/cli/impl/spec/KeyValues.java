package org.jvmm.cli.impl.spec;

import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The result of {@link KeyValueSpec#parse}: the positional token and the options given.
 * Flags are stored as {@code on}/{@code off}; an optional-value key given bare holds "".
 */
public final class KeyValues {
    /** Parses one option value; the reason is wrapped as "invalid value for option 'key'". */
    @FunctionalInterface
    public interface ValueParser<T> {
        T parse(String value) throws SpecException;
    }

    private final String positional;
    private final Map<String, String> values;

    KeyValues(String positional, Map<String, String> values) {
        this.positional = positional;
        this.values = Map.copyOf(values);
    }

    /** The leading token, or null when the spec has none. */
    public String positional() {
        return positional;
    }

    public boolean has(String key) {
        return values.containsKey(key);
    }

    /** A flag given as {@code key} or {@code key=on}. */
    public boolean flag(String key) {
        return "on".equals(values.get(key));
    }

    /** A tri-state flag: empty when absent. */
    public Optional<Boolean> toggle(String key) {
        return Optional.ofNullable(values.get(key)).map("on"::equals);
    }

    public Optional<String> value(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value of {@code key} parsed by {@code parser}; empty when absent. */
    public <T> Optional<T> value(String key, ValueParser<T> parser) throws SpecException {
        String v = values.get(key);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(parser.parse(v));
        } catch (SpecException e) {
            throw new SpecException("invalid value for option '" + key + "': " + e.getMessage());
        }
    }

    /** A byte size ({@link SizeParser}). */
    public OptionalLong size(String key) throws SpecException {
        Optional<Long> v = value(key, SizeParser::parse);
        return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
    }

    /** A decimal number in {@code [0, max]}. */
    public OptionalLong unsigned(String key, long max) throws SpecException {
        Optional<Long> v = value(key, s -> Numbers.unsigned(s, max, "number"));
        return v.isPresent() ? OptionalLong.of(v.get()) : OptionalLong.empty();
    }
}
