package org.jvmm.vmm.resource.impl;

import java.util.Objects;
import java.util.function.BiConsumer;
import org.jvmm.vmm.resource.ChildRegistry;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.ResourceResolver;

/**
 * A per-VM registry: a core whose lookups fall back to the parent. Its listeners also hear the
 * parent's events. Registrations carry the bundle name {@code vm:<name>} and bundle id -1.
 */
final class ChildRegistryImpl extends RegistryCore implements ChildRegistry {
    private final String name;
    private volatile Registration parentSubscription;
    private volatile boolean closed;

    private ChildRegistryImpl(String name, RegistryCore parent, BiConsumer<String, Throwable> problems) {
        super(Objects.requireNonNull(parent, "parent"), problems);
        this.name = Objects.requireNonNull(name, "name");
    }

    static ChildRegistryImpl create(String name, RegistryCore parent, BiConsumer<String, Throwable> problems) {
        ChildRegistryImpl child = new ChildRegistryImpl(name, parent, problems);
        child.parentSubscription = parent.addListener(new Forward(child));
        return child;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Registration register(ResourceResolver<?, ?> resolver, String kind, String id) {
        if (closed) {
            throw new IllegalStateException("child registry " + name + " is closed");
        }
        return register(resolver, kind, id, "vm:" + name, -1);
    }

    @Override
    public void close() {
        closed = true;
        parentSubscription.close();
        clear();
    }

    /** Passes the parent's events on to this child's listeners. */
    private record Forward(ChildRegistryImpl child) implements ResolverListener {
        @Override
        public void resolverAdded(ResolverInfo info) {
            child.fire(l -> l.resolverAdded(info), "resolverAdded", info);
        }

        @Override
        public void resolverRemoved(ResolverInfo info) {
            child.fire(l -> l.resolverRemoved(info), "resolverRemoved", info);
        }
    }
}
