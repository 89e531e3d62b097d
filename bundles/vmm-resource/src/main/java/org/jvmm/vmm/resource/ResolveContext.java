package org.jvmm.vmm.resource;

import java.util.Optional;

/** What a resolver sees while resolving one handle. */
@org.osgi.annotation.versioning.ProviderType
public interface ResolveContext {

    /**
     * Resolves a sub-handle through the same registry chain, at this context's path (use
     * {@link #child(String)} first to name where the sub-handle sits). Guards against cycles
     * and excessive depth.
     */
    <T> T resolve(ResourceHandle sub, Class<T> type) throws ResolveException;

    /** A typed input the caller supplied (guest memory, interrupt lines, ...). */
    <T> Optional<T> input(Class<T> type);

    /** Every input the caller supplied. */
    Inputs inputs();

    /** Where in the config the handle sits, e.g. {@code disks[0].layers[1]}; "" at the root. */
    String path();

    /** A context whose path is extended by {@code pathSegment} ({@code layers[1]} or {@code [1]}). */
    ResolveContext child(String pathSegment);

    /** A context whose inputs are these inputs overlaid with {@code more}. */
    ResolveContext withInputs(Inputs more);
}
