package org.jvmm.vm.config;

import java.util.List;
import java.util.Set;

/** Invariant checks for the config records; messages name the field. Package private. */
final class Check {
    private Check() {
    }

    static <T> T required(T value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + ": required");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + ": must not be blank");
        }
        return value;
    }

    /** Null stays null; otherwise it must not be blank. */
    static String optionalNotBlank(String value, String field) {
        return value == null ? null : notBlank(value, field);
    }

    static String oneOf(String value, Set<String> allowed, String field) {
        if (value == null || !allowed.contains(value)) {
            throw new IllegalArgumentException(field + ": must be one of " + allowed.stream().sorted().toList()
                    + ", got " + value);
        }
        return value;
    }

    /** An immutable copy; null becomes empty, null elements are rejected. */
    static <T> List<T> list(List<T> values, String field) {
        if (values == null) {
            return List.of();
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new IllegalArgumentException(field + "[" + i + "]: must not be null");
            }
        }
        return List.copyOf(values);
    }
}
