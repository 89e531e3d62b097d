package org.jvmm.vm.worker.impl.fake;

import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;

/** A resolver from a lambda. */
public record TestResolver<H extends ResourceHandle, O>(Class<H> handleType, Class<O> outputType, Body<H, O> body)
        implements ResourceResolver<H, O> {

    /** What the resolver does. */
    @FunctionalInterface
    public interface Body<H, O> {
        O resolve(H handle, ResolveContext ctx) throws ResolveException;
    }

    @Override
    public O resolve(H handle, ResolveContext ctx) throws ResolveException {
        return body.resolve(handle, ctx);
    }
}
