package org.jvmm.vmm.resource;

import java.util.Objects;

/**
 * One registered resolver: its {@code kind:id}, the bundle that provides it (for per-VM
 * resolvers of a child registry: {@code vm:<name>} and bundle id -1), its handle class and
 * whether another resolver claims the same {@code kind:id}.
 */
public record ResolverInfo(String kind, String id, String bundleSymbolicName, long bundleId,
        Class<? extends ResourceHandle> handleType, boolean conflicted) {

    public ResolverInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(bundleSymbolicName, "bundleSymbolicName");
        Objects.requireNonNull(handleType, "handleType");
    }

    /** {@code kind:id}. */
    public String key() {
        return kind + ":" + id;
    }

    /** A copy with another conflict flag. */
    public ResolverInfo withConflicted(boolean value) {
        return value == conflicted ? this
                : new ResolverInfo(kind, id, bundleSymbolicName, bundleId, handleType, value);
    }
}
