package org.jvmm.vmm.resource;

/**
 * A per-VM registry. Resolvers registered here shadow the parent's for the same
 * {@code kind:id}; listeners hear about both. {@link #close()} drops its resolvers and
 * listeners.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ChildRegistry extends ResolverRegistry, AutoCloseable {

    /** The name given at creation (a VM name). */
    String name();

    /** Registers a per-VM resolver for {@code kind:id}. */
    Registration register(ResourceResolver<?, ?> resolver, String kind, String id);

    @Override
    void close();
}
