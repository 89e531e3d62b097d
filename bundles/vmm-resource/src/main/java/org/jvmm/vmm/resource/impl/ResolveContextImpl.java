package org.jvmm.vmm.resource.impl;

import java.util.Optional;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;

/**
 * Resolution state: the registry, the caller's inputs, the config path and the chain of
 * handles being resolved (for the depth and cycle guard). Immutable.
 */
final class ResolveContextImpl implements ResolveContext {
    /** Deepest allowed chain of nested resolutions. */
    static final int MAX_DEPTH = 32;

    private final RegistryCore registry;
    private final Inputs inputs;
    private final String path;
    private final Chain chain;

    ResolveContextImpl(RegistryCore registry, Inputs inputs, String path) {
        this(registry, inputs, path, null);
    }

    private ResolveContextImpl(RegistryCore registry, Inputs inputs, String path, Chain chain) {
        this.registry = registry;
        this.inputs = inputs;
        this.path = path;
        this.chain = chain;
    }

    @Override
    public <T> T resolve(ResourceHandle sub, Class<T> type) throws ResolveException {
        String kind = sub.kind();
        String id = sub.id();
        int depth = chain == null ? 0 : chain.depth;
        if (depth >= MAX_DEPTH || (chain != null && chain.contains(sub))) {
            throw ResolveException.tooDeep(kind, id, path, depth + 1);
        }
        RegistryEntry entry = registry.entryFor(kind, id, path);
        @SuppressWarnings("unchecked")
        ResourceResolver<ResourceHandle, ?> resolver = (ResourceResolver<ResourceHandle, ?>) entry.resolver();
        Class<?> produced = boxed(resolver.outputType());
        if (!type.isAssignableFrom(produced) && !produced.isAssignableFrom(type)) {
            throw ResolveException.wrongType(kind, id, path, type, produced);
        }
        ResourceHandle handle = HandleConverter.adapt(sub, resolver.handleType(), registry, path);
        Object result = call(resolver, handle, new ResolveContextImpl(registry, inputs, path, new Chain(sub, chain)));
        if (result == null) {
            throw ResolveException.failed(kind, id, path, "resolver " + resolver.getClass().getName() + " returned null");
        }
        if (!type.isInstance(result)) {
            throw ResolveException.wrongType(kind, id, path, type, result.getClass());
        }
        return type.cast(result);
    }

    private Object call(ResourceResolver<ResourceHandle, ?> resolver, ResourceHandle handle, ResolveContext ctx)
            throws ResolveException {
        try {
            return resolver.resolve(handle, ctx);
        } catch (RuntimeException | LinkageError e) {
            throw ResolveException.failed(handle.kind(), handle.id(), path, e);
        }
    }

    @Override
    public <T> Optional<T> input(Class<T> type) {
        return inputs.get(type);
    }

    @Override
    public Inputs inputs() {
        return inputs;
    }

    @Override
    public String path() {
        return path;
    }

    @Override
    public ResolveContext child(String pathSegment) {
        return new ResolveContextImpl(registry, inputs, join(path, pathSegment), chain);
    }

    @Override
    public ResolveContext withInputs(Inputs more) {
        return new ResolveContextImpl(registry, inputs.with(more), path, chain);
    }

    static String join(String path, String segment) {
        if (segment == null || segment.isEmpty()) {
            return path;
        }
        if (path.isEmpty()) {
            return segment.startsWith(".") ? segment.substring(1) : segment;
        }
        return segment.startsWith("[") || segment.startsWith(".") ? path + segment : path + "." + segment;
    }

    private static Class<?> boxed(Class<?> type) {
        return type.isPrimitive() ? java.lang.invoke.MethodType.methodType(type).wrap().returnType() : type;
    }

    /** The handles currently being resolved, innermost first. */
    private record Chain(ResourceHandle handle, Chain outer, int depth) {
        Chain(ResourceHandle handle, Chain outer) {
            this(handle, outer, outer == null ? 1 : outer.depth + 1);
        }

        boolean contains(ResourceHandle h) {
            for (Chain c = this; c != null; c = c.outer) {
                if (c.handle.equals(h)) {
                    return true;
                }
            }
            return false;
        }
    }
}
