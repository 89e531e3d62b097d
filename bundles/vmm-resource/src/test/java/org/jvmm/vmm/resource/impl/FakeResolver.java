package org.jvmm.vmm.resource.impl;

import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;

/** A resolver built from a lambda, for tests. */
record FakeResolver<H extends ResourceHandle, O>(Class<H> handleType, Class<O> outputType, Body<H, O> body)
        implements ResourceResolver<H, O> {

    interface Body<H, O> {
        O apply(H handle, ResolveContext ctx) throws ResolveException;
    }

    static <H extends ResourceHandle, O> FakeResolver<H, O> of(Class<H> h, Class<O> o, Body<H, O> body) {
        return new FakeResolver<>(h, o, body);
    }

    @Override
    public O resolve(H handle, ResolveContext ctx) throws ResolveException {
        return body.apply(handle, ctx);
    }
}
