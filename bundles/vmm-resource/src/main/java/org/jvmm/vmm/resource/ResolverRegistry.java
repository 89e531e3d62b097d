package org.jvmm.vmm.resource;

import java.util.List;
import java.util.Optional;

/**
 * Tracks resource resolvers and resolves handles through them. Thread-safe; lookups never
 * block on registrations.
 */
@org.osgi.annotation.versioning.ProviderType
public interface ResolverRegistry {

    /**
     * The resolver for {@code kind:id}. When several claim it, the first registered is returned
     * with {@link ResolverInfo#conflicted()} set; use {@link #require} to get the error.
     */
    Optional<ResolverInfo> find(String kind, String id);

    /** Like {@link #find}, but a missing or conflicted entry is a {@link ResolveException}. */
    ResolverInfo require(String kind, String id, String path) throws ResolveException;

    /** Every resolver (including the parent's for a child registry), sorted by kind, id, bundle id. */
    List<ResolverInfo> list();

    /**
     * Resolves {@code handle} to a {@code type}, giving its resolver {@code inputs}.
     * {@code path} names where the handle sits in the config ({@code disks[0]}) for errors.
     */
    <T> T resolve(ResourceHandle handle, Class<T> type, Inputs inputs, String path) throws ResolveException;

    /** The handle classes of every registered resolver, for reading configs. */
    HandleTypes handleTypes();

    /** Tells {@code listener} about every later add/remove until the registration is closed. */
    Registration addListener(ResolverListener listener);

    /** A per-VM registry: its own resolvers first, then this registry's. */
    ChildRegistry createChild(String name);
}
