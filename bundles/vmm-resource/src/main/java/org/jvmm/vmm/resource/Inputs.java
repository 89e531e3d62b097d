package org.jvmm.vmm.resource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An immutable typed map of the objects a caller hands to resolvers (guest memory, interrupt
 * lines, ...). {@link #of} keys each object by its class, superclasses and all its interfaces;
 * a type reachable from two different objects is ambiguous and must be set with {@link #with}.
 */
public final class Inputs {
    public static final Inputs EMPTY = new Inputs(Map.of(), Set.of());

    private final Map<Class<?>, Object> values;
    private final Set<Class<?>> ambiguous;

    private Inputs(Map<Class<?>, Object> values, Set<Class<?>> ambiguous) {
        this.values = values;
        this.ambiguous = ambiguous;
    }

    /** Keys each object by its class, superclasses (not Object) and interfaces. */
    public static Inputs of(Object... objects) {
        Map<Class<?>, Object> values = new HashMap<>();
        Set<Class<?>> ambiguous = new HashSet<>();
        for (Object o : objects) {
            Objects.requireNonNull(o, "input");
            for (Class<?> type : typesOf(o.getClass())) {
                Object prev = values.putIfAbsent(type, o);
                if (prev != null && prev != o) {
                    if (type == o.getClass()) {
                        throw new IllegalArgumentException("two inputs of type " + type.getName());
                    }
                    ambiguous.add(type);
                }
            }
        }
        ambiguous.forEach(values::remove);
        return new Inputs(Map.copyOf(values), Set.copyOf(ambiguous));
    }

    /** A copy where {@code type} maps to {@code value}. */
    public <T> Inputs with(Class<T> type, T value) {
        Objects.requireNonNull(type, "type");
        if (!type.isInstance(value)) {
            throw new IllegalArgumentException("input for " + type.getName() + " is "
                    + (value == null ? "null" : value.getClass().getName()));
        }
        Map<Class<?>, Object> copy = new HashMap<>(values);
        copy.put(type, value);
        Set<Class<?>> amb = new HashSet<>(ambiguous);
        amb.remove(type);
        return new Inputs(Map.copyOf(copy), Set.copyOf(amb));
    }

    /** A copy with every entry of {@code more} added, replacing entries for the same type. */
    public Inputs with(Inputs more) {
        if (more.values.isEmpty() && more.ambiguous.isEmpty()) {
            return this;
        }
        Map<Class<?>, Object> copy = new HashMap<>(values);
        copy.putAll(more.values);
        Set<Class<?>> amb = new HashSet<>(ambiguous);
        amb.removeAll(more.values.keySet());
        amb.addAll(more.ambiguous);
        more.ambiguous.forEach(copy::remove);
        return new Inputs(Map.copyOf(copy), Set.copyOf(amb));
    }

    /**
     * The input of {@code type}, if any.
     *
     * @throws IllegalStateException when two different inputs are of that type
     */
    public <T> Optional<T> get(Class<T> type) {
        if (ambiguous.contains(type)) {
            throw new IllegalStateException("ambiguous input " + type.getName()
                    + ": several inputs implement it; pass it with Inputs.with");
        }
        return Optional.ofNullable(type.cast(values.get(type)));
    }

    /** The number of types that map to an input. */
    public int size() {
        return values.size();
    }

    @Override
    public String toString() {
        return "Inputs" + values.keySet().stream().map(Class::getSimpleName).sorted().toList();
    }

    private static Set<Class<?>> typesOf(Class<?> type) {
        Set<Class<?>> out = new HashSet<>();
        Deque<Class<?>> todo = new ArrayDeque<>();
        todo.add(type);
        while (!todo.isEmpty()) {
            Class<?> c = todo.poll();
            if (c == Object.class || !out.add(c)) {
                continue;
            }
            if (c.getSuperclass() != null) {
                todo.add(c.getSuperclass());
            }
            todo.addAll(java.util.List.of(c.getInterfaces()));
        }
        return out;
    }
}
