package org.jvmm.vmm.resource.impl;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;
import org.jvmm.vmm.resource.ChildRegistry;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ProviderHints;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;

/** The registry logic, usable without OSGi. Thread-safe; reads are lock-free. */
public class RegistryCore implements org.jvmm.vmm.resource.ResolverRegistry {
    static final Comparator<ResolverInfo> ORDER = Comparator.comparing(ResolverInfo::kind)
            .thenComparing(ResolverInfo::id).thenComparingLong(ResolverInfo::bundleId)
            .thenComparing(ResolverInfo::bundleSymbolicName);

    private final RegistryCore parent;
    private final BiConsumer<String, Throwable> problems;
    private final Object writeLock = new Object();
    private final List<ResolverListener> listeners = new CopyOnWriteArrayList<>();
    private volatile Map<String, List<RegistryEntry>> byKey = Map.of();
    private long nextToken = 1;

    /**
     * @param parent   registry consulted when this one has no entry (null for the root)
     * @param problems where listener failures and ignored registrations are reported
     */
    public RegistryCore(RegistryCore parent, BiConsumer<String, Throwable> problems) {
        this.parent = parent;
        this.problems = Objects.requireNonNull(problems, "problems");
    }

    /**
     * Adds a resolver for {@code kind:id} provided by a bundle.
     *
     * @throws IllegalArgumentException when kind or id is blank or the resolver's handle type
     *                                  is not annotated with the same {@code kind:id}
     */
    public Registration register(ResourceResolver<?, ?> resolver, String kind, String id,
            String bundleSymbolicName, long bundleId) {
        ResolverInfo info = checkedInfo(resolver, kind, id, bundleSymbolicName, bundleId);
        synchronized (writeLock) {
            long token = nextToken++;
            RegistryEntry entry = new RegistryEntry(token, resolver, info);
            Map<String, List<RegistryEntry>> copy = new HashMap<>(byKey);
            List<RegistryEntry> list = new ArrayList<>(copy.getOrDefault(info.key(), List.of()));
            list.add(entry);
            copy.put(info.key(), List.copyOf(list));
            byKey = Map.copyOf(copy);
            fire(l -> l.resolverAdded(info.withConflicted(list.size() > 1)), "resolverAdded", info);
            return new TokenRegistration(this, token);
        }
    }

    /** Removes the registration with {@code token}; false when it was already gone. */
    boolean unregister(long token) {
        synchronized (writeLock) {
            for (Map.Entry<String, List<RegistryEntry>> e : byKey.entrySet()) {
                List<RegistryEntry> list = e.getValue();
                for (RegistryEntry entry : list) {
                    if (entry.token() == token) {
                        remove(e.getKey(), list, entry);
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** Drops every entry and listener without telling anyone (used by child close). */
    void clear() {
        synchronized (writeLock) {
            listeners.clear();
            byKey = Map.of();
        }
    }

    @Override
    public Optional<ResolverInfo> find(String kind, String id) {
        List<RegistryEntry> local = byKey.get(kind + ":" + id);
        if (local != null) {
            return Optional.of(local.getFirst().info().withConflicted(local.size() > 1));
        }
        return parent == null ? Optional.empty() : parent.find(kind, id);
    }

    @Override
    public ResolverInfo require(String kind, String id, String path) throws ResolveException {
        return entryFor(kind, id, path).info();
    }

    /** The single entry for {@code kind:id} at the nearest level, or missing/duplicate. */
    RegistryEntry entryFor(String kind, String id, String path) throws ResolveException {
        List<RegistryEntry> list = entries(kind + ":" + id);
        if (list.isEmpty()) {
            throw ResolveException.missing(kind, id, path, ProviderHints.hintOrNull(kind, id));
        }
        if (list.size() > 1) {
            throw ResolveException.duplicate(kind, id, path, list.get(0).bundleLabel(), list.get(1).bundleLabel());
        }
        return list.getFirst();
    }

    private List<RegistryEntry> entries(String key) {
        List<RegistryEntry> local = byKey.get(key);
        if (local != null) {
            return local;
        }
        return parent == null ? List.of() : parent.entries(key);
    }

    @Override
    public List<ResolverInfo> list() {
        List<ResolverInfo> out = new ArrayList<>(parent == null ? List.of() : parent.list());
        for (List<RegistryEntry> list : byKey.values()) {
            list.forEach(e -> out.add(e.info().withConflicted(list.size() > 1)));
        }
        out.sort(ORDER);
        return List.copyOf(out);
    }

    @Override
    public <T> T resolve(ResourceHandle handle, Class<T> type, Inputs inputs, String path) throws ResolveException {
        Objects.requireNonNull(handle, "handle");
        return new ResolveContextImpl(this, inputs == null ? Inputs.EMPTY : inputs, path == null ? "" : path)
                .resolve(handle, type);
    }

    @Override
    public HandleTypes handleTypes() {
        HandleTypes.Builder b = HandleTypes.builder();
        byKey.values().stream().flatMap(List::stream)
                .sorted(Comparator.comparingLong(RegistryEntry::token))
                .forEach(e -> b.addIfAbsent(e.info().handleType()));
        if (parent != null) {
            HandleTypes inherited = parent.handleTypes();
            inherited.keys().forEach(k -> inherited.find(k).ifPresent(b::addIfAbsent));
        }
        return b.build();
    }

    @Override
    public Registration addListener(ResolverListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public ChildRegistry createChild(String name) {
        return ChildRegistryImpl.create(name, this, problems);
    }

    /** Reports a problem (ignored registration, listener failure). */
    void problem(String message, Throwable t) {
        problems.accept(message, t);
    }

    private void remove(String key, List<RegistryEntry> list, RegistryEntry entry) {
        Map<String, List<RegistryEntry>> copy = new HashMap<>(byKey);
        List<RegistryEntry> rest = list.stream().filter(x -> x != entry).toList();
        if (rest.isEmpty()) {
            copy.remove(key);
        } else {
            copy.put(key, rest);
        }
        byKey = Map.copyOf(copy);
        ResolverInfo info = entry.info().withConflicted(list.size() > 1);
        fire(l -> l.resolverRemoved(info), "resolverRemoved", info);
    }

    /** Tells every listener; a failing listener is reported and the others still run. */
    void fire(java.util.function.Consumer<ResolverListener> event, String what, ResolverInfo info) {
        for (ResolverListener l : listeners) {
            try {
                event.accept(l);
            } catch (RuntimeException | LinkageError e) {
                problems.accept("resolver listener " + l.getClass().getName() + " failed in " + what
                        + " for " + info.key(), e);
            }
        }
    }

    private static ResolverInfo checkedInfo(ResourceResolver<?, ?> resolver, String kind, String id,
            String bundleSymbolicName, long bundleId) {
        Objects.requireNonNull(resolver, "resolver");
        if (kind == null || kind.isBlank() || id == null || id.isBlank()) {
            throw new IllegalArgumentException("resolver " + resolver.getClass().getName()
                    + " needs a non-blank kind and id, got " + kind + ":" + id);
        }
        Class<? extends ResourceHandle> handleType = resolver.handleType();
        String declared = ResourceHandle.keyOf(handleType);
        if (!declared.equals(kind + ":" + id)) {
            throw new IllegalArgumentException("resolver " + resolver.getClass().getName() + " registered as "
                    + kind + ":" + id + " but its handle " + handleType.getName() + " is " + declared);
        }
        return new ResolverInfo(kind, id, bundleSymbolicName, bundleId, handleType, false);
    }

    /** Closes one registration of a core. */
    private record TokenRegistration(RegistryCore core, long token) implements Registration {
        @Override
        public void close() {
            core.unregister(token);
        }
    }
}
