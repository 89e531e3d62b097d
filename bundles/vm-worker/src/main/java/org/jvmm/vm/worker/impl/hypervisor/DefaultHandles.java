package org.jvmm.vm.worker.impl.hypervisor;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Builds a handle for a {@code kind:id} whose record class only its provider bundle knows: the
 * registry names the class, and the handle is read from {@code {"resource": "kind:id", ...fields}}.
 * Components missing from {@code fields} get Jackson's defaults (null, 0, false).
 */
public final class DefaultHandles {
    private static final ObjectMapper MAPPER = HandleJson.mapper();

    private DefaultHandles() {
    }

    /**
     * @param fields component values: plain values or nested {@link ResourceHandle}s
     * @throws ResolveException when nothing resolves {@code kind:id}, or its handle cannot be built
     */
    public static ResourceHandle build(ResolverRegistry registry, String kind, String id, String path,
            Map<String, ?> fields) throws ResolveException {
        ResolverInfo info = registry.require(kind, id, path);
        HandleTypes.Builder types = HandleTypes.builder();
        types.addIfAbsent(info.handleType());
        ObjectNode tree = MAPPER.createObjectNode();
        tree.put("resource", kind + ":" + id);
        for (Map.Entry<String, ?> e : fields.entrySet()) {
            if (e.getValue() instanceof ResourceHandle nested) {
                types.addIfAbsent(nested.getClass());
            }
            tree.set(e.getKey(), MAPPER.valueToTree(e.getValue()));
        }
        HandleTypes known = registry.handleTypes();
        known.keys().forEach(k -> known.find(k).ifPresent(types::addIfAbsent));
        try {
            return HandleJson.reader(MAPPER, types.build()).forType(info.handleType()).readValue(tree);
        } catch (IOException | IllegalArgumentException e) {
            throw ResolveException.failed(kind, id, path, "cannot build its handle "
                    + info.handleType().getName() + " from " + tree + ": " + oneLine(e));
        }
    }

    private static String oneLine(Exception e) {
        String m = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                : e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.replace('\n', ' ');
    }
}
