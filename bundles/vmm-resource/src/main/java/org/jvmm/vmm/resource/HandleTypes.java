package org.jvmm.vmm.resource;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * An immutable catalog {@code kind:id -> handle class}, used to read handles from JSON. Pass it
 * to {@link HandleJson#reader}; there is no global catalog.
 */
public final class HandleTypes {
    public static final HandleTypes EMPTY = new HandleTypes(Map.of());

    private final Map<String, Class<? extends ResourceHandle>> byKey;

    private HandleTypes(Map<String, Class<? extends ResourceHandle>> byKey) {
        this.byKey = byKey;
    }

    @SafeVarargs
    public static HandleTypes of(Class<? extends ResourceHandle>... types) {
        Builder b = builder();
        for (Class<? extends ResourceHandle> type : types) {
            b.add(type);
        }
        return b.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The class for {@code kind:id}. */
    public Optional<Class<? extends ResourceHandle>> find(String key) {
        return Optional.ofNullable(byKey.get(key));
    }

    public Optional<Class<? extends ResourceHandle>> find(String kind, String id) {
        return find(kind + ":" + id);
    }

    /** Every {@code kind:id}, sorted. */
    public Set<String> keys() {
        return byKey.keySet();
    }

    public int size() {
        return byKey.size();
    }

    /**
     * Both catalogs together.
     *
     * @throws IllegalArgumentException when they map one {@code kind:id} to different classes
     */
    public HandleTypes merge(HandleTypes other) {
        return builder().addAll(this).addAll(other).build();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof HandleTypes h && h.byKey.equals(byKey);
    }

    @Override
    public int hashCode() {
        return byKey.hashCode();
    }

    @Override
    public String toString() {
        return "HandleTypes" + byKey.keySet();
    }

    /** Collects handle classes; one {@code kind:id} may map to one class only. */
    public static final class Builder {
        private final Map<String, Class<? extends ResourceHandle>> byKey = new LinkedHashMap<>();

        private Builder() {
        }

        /** @throws IllegalArgumentException for a class without @HandleType or a clashing kind:id */
        public Builder add(Class<? extends ResourceHandle> type) {
            String key = ResourceHandle.keyOf(type);
            Class<? extends ResourceHandle> prev = byKey.putIfAbsent(key, type);
            if (prev != null && prev != type) {
                throw new IllegalArgumentException("resource " + key + " is claimed by both "
                        + prev.getName() + " and " + type.getName());
            }
            return this;
        }

        /** Adds {@code type} unless its {@code kind:id} is already taken; true when added. */
        public boolean addIfAbsent(Class<? extends ResourceHandle> type) {
            return byKey.putIfAbsent(ResourceHandle.keyOf(type), type) == null;
        }

        public Builder addAll(HandleTypes types) {
            types.byKey.values().forEach(this::add);
            return this;
        }

        public HandleTypes build() {
            return new HandleTypes(Collections.unmodifiableMap(new TreeMap<>(byKey)));
        }
    }
}
