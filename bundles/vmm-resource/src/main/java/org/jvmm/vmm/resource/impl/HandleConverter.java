package org.jvmm.vmm.resource.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Adapts a handle to the class a resolver expects. They differ when the handle was read with
 * another revision of the provider bundle (the bundle was updated since): the same
 * {@code kind:id}, another class loader. The handle is copied through its JSON form.
 */
final class HandleConverter {
    private static final ObjectMapper MAPPER = HandleJson.mapper();

    private HandleConverter() {
    }

    static ResourceHandle adapt(ResourceHandle handle, Class<? extends ResourceHandle> target,
            RegistryCore registry, String path) throws ResolveException {
        if (target.isInstance(handle)) {
            return handle;
        }
        HandleTypes.Builder types = HandleTypes.builder();
        types.addIfAbsent(target);
        HandleTypes known = registry.handleTypes();
        known.keys().forEach(k -> known.find(k).ifPresent(types::addIfAbsent));
        try {
            JsonNode tree = MAPPER.valueToTree(handle);
            return HandleJson.reader(MAPPER, types.build()).forType(target).readValue(tree);
        } catch (IOException | IllegalArgumentException e) {
            throw ResolveException.failed(handle.kind(), handle.id(), path,
                    "cannot adapt handle " + handle.getClass().getName() + " to " + target.getName()
                            + ": " + message(e));
        }
    }

    private static String message(Exception e) {
        String m = e instanceof JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
