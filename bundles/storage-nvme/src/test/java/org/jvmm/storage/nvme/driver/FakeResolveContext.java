package org.jvmm.storage.nvme.driver;

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
    private final Map<ResourceHandle, Object> answers;
    public final Map<ResourceHandle, String> askedAt;

    public FakeResolveContext(Object... inputs) {
        this(Inputs.of(inputs), "pciDevices[0]", new HashMap<>(), new HashMap<>());
    }

    private FakeResolveContext(Inputs inputs, String path, Map<ResourceHandle, Object> answers,
            Map<ResourceHandle, String> askedAt) {
        this.inputs = inputs;
        this.path = path;
        this.answers = answers;
        this.askedAt = askedAt;
    }

    public FakeResolveContext answer(ResourceHandle handle, Object value) {
        answers.put(handle, value);
        return this;
    }

    @Override
    public <T> T resolve(ResourceHandle sub, Class<T> type) throws ResolveException {
        askedAt.put(sub, path);
        Object value = answers.get(sub);
        if (value == null) {
            throw ResolveException.missing(sub.kind(), sub.id(), path, "storage-disk");
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
        return new FakeResolveContext(inputs, path + "." + pathSegment, answers, askedAt);
    }

    @Override
    public ResolveContext withInputs(Inputs more) {
        return new FakeResolveContext(inputs.with(more), path, answers, askedAt);
    }
}
