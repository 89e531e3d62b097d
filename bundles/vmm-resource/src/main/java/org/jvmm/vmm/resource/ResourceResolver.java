package org.jvmm.vmm.resource;

/**
 * Turns a handle of one {@code kind:id} into a live object. Registered as an OSGi service of
 * this type with the service properties {@link #KIND_PROPERTY} and {@link #ID_PROPERTY}, or
 * programmatically in a {@link ChildRegistry}.
 *
 * @param <H> the handle record type
 * @param <O> what it resolves to
 */
@org.osgi.annotation.versioning.ConsumerType
public interface ResourceResolver<H extends ResourceHandle, O> {
    /** Service property naming the resource kind, e.g. {@code disk_handle}. */
    String KIND_PROPERTY = "vmm.resource.kind";
    /** Service property naming the resource id, e.g. {@code file}. */
    String ID_PROPERTY = "vmm.resource.id";

    Class<H> handleType();

    Class<O> outputType();

    /**
     * Builds the live object. Sub-handles are resolved through {@code ctx}; configuration
     * problems are reported as {@link ResolveException} (use {@code ctx.path()} in messages).
     */
    O resolve(H handle, ResolveContext ctx) throws ResolveException;
}
