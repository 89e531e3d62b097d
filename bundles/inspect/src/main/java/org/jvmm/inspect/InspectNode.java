package org.jvmm.inspect;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A node of the inspect tree: ordered fields (strings, numbers, booleans) and named children.
 * Not thread-safe: one inspection builds one tree.
 */
public final class InspectNode {
    private final Map<String, Object> entries = new LinkedHashMap<>();

    /** Adds a value field; a number, boolean or anything else (shown with {@code toString}). */
    public InspectNode field(String name, Object value) {
        entries.put(checkName(name), value instanceof InspectNode ? value.toString() : value);
        return this;
    }

    /** Adds a number shown in hexadecimal ({@code 0x…}). */
    public InspectNode hex(String name, long value) {
        entries.put(checkName(name), new Hex(value));
        return this;
    }

    /** Returns the child node {@code name}, creating it if needed. */
    public InspectNode child(String name) {
        Object existing = entries.get(name);
        if (existing instanceof InspectNode n) {
            return n;
        }
        InspectNode n = new InspectNode();
        entries.put(checkName(name), n);
        return n;
    }

    /** Adds a child filled by {@code source}; a failing source is recorded, not thrown. */
    public InspectNode child(String name, Inspectable source) {
        InspectNode n = child(name);
        try {
            source.inspect(n);
        } catch (RuntimeException e) {
            n.field("error", "inspect failed: " + e);
        }
        return this;
    }

    /** The fields and children, in insertion order (children as {@link InspectNode}). */
    public Map<String, Object> entries() {
        return Collections.unmodifiableMap(entries);
    }

    /** The value or node at a slash-separated path such as {@code vp/0/rip}; empty path = this. */
    public Optional<Object> at(String path) {
        Object current = this;
        for (String part : path.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            if (!(current instanceof InspectNode n) || !n.entries.containsKey(part)) {
                return Optional.empty();
            }
            current = n.entries.get(part);
        }
        return Optional.of(current);
    }

    /** The tree as plain maps and values (hex numbers as strings), for JSON or the shell. */
    public Map<String, Object> toMap() {
        Map<String, Object> out = new LinkedHashMap<>();
        entries.forEach((k, v) -> out.put(k, v instanceof InspectNode n ? n.toMap() : plain(v)));
        return out;
    }

    /** An indented text rendering, one entry per line. */
    public String render() {
        StringBuilder sb = new StringBuilder();
        render(sb, "");
        return sb.toString();
    }

    private void render(StringBuilder sb, String indent) {
        entries.forEach((k, v) -> {
            if (v instanceof InspectNode n) {
                sb.append(indent).append(k).append(":\n");
                n.render(sb, indent + "  ");
            } else {
                sb.append(indent).append(k).append(": ").append(plain(v)).append('\n');
            }
        });
    }

    @Override
    public String toString() {
        return render();
    }

    private static Object plain(Object v) {
        return v instanceof Hex h ? h.toString() : v;
    }

    private static String checkName(String name) {
        if (name == null || name.isEmpty() || name.contains("/")) {
            throw new IllegalArgumentException("inspect name: must be non-empty without '/', got " + name);
        }
        return name;
    }

    private record Hex(long value) {
        @Override
        public String toString() {
            return "0x" + Long.toHexString(value);
        }
    }
}
