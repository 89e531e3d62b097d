package org.jvmm.vmm.resource;

/**
 * Told when a resolver appears or goes away. {@link ResolverInfo#conflicted()} reflects the
 * state at that moment. Exceptions thrown by a listener are logged and do not affect the
 * registry or other listeners.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ResolverListener {
    void resolverAdded(ResolverInfo info);

    void resolverRemoved(ResolverInfo info);
}
