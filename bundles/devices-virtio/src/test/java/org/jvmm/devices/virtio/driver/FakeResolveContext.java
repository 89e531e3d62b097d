package org.jvmm.devices.virtio.driver;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;

/** A resolve context with fixed inputs and fixed answers for sub-handles; records the paths asked. */
public final class FakeResolveContext implements ResolveContext {
    private final Inputs inputs;
    private final String path;
    private final Map<ResourceHandle, Object> subs;
    private final Map<ResourceHandle, String> askedAt;

    public FakeResolveContext(Object... inputs) {
        this(Inputs.of(inputs), "virtio[0]", new HashMap<>(), new HashMap<>());
    }

    private FakeResolveContext(Inputs inputs, String path, Map<ResourceHandle, Object> subs,
            Map<ResourceHandle, String> askedAt) {
        this.inputs = inputs;
        this.path = path;
        this.subs = subs;
        this.askedAt = askedAt;
    }

    /** Answers {@code resolve(handle, ...)} with {@code value}. */
    public FakeResolveContext answer(ResourceHandle handle, Object value) {
        subs.put(handle, value);
        return this;
    }

    /** The path at which {@code handle} was resolved. */
    public String askedAt(ResourceHandle handle) {
        return askedAt.get(handle);
    }

    @Override
    public <T> T resolve(ResourceHandle sub, Class<T> type) throws ResolveException {
        askedAt.put(sub, path);
        Object value = subs.get(sub);
        if (value == null) {
            throw ResolveException.missing(sub.kind(), sub.id(), path, null);
        }
        return type.cast(value);
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
        return new FakeResolveContext(inputs, path + "." + pathSegment, subs, askedAt);
    }

    @Override
    public ResolveContext withInputs(Inputs more) {
        return new FakeResolveContext(inputs.with(more), path, subs, askedAt);
    }
}
