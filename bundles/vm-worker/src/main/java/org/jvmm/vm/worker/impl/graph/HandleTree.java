package org.jvmm.vm.worker.impl.graph;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A handle and the sub-handles it carries (a virtio transport's device, a virtio-blk's disk, a
 * layered disk's layers), found through the handle record's components, each with its config path:
 * what resolving the handle pulls from the registry.
 */
final class HandleTree {
    private static final System.Logger LOG = System.getLogger(HandleTree.class.getName());
    private static final int MAX_DEPTH = 32;

    private HandleTree() {
    }

    /** A handle at {@code path}. */
    record Node(String path, ResourceHandle handle) {
        String key() {
            return handle.key();
        }
    }

    /** {@code handle} at {@code path} first, then its sub-handles depth-first. */
    static List<Node> walk(String path, ResourceHandle handle) {
        List<Node> out = new ArrayList<>();
        walk(path, handle, out, 0);
        return List.copyOf(out);
    }

    private static void walk(String path, ResourceHandle handle, List<Node> out, int depth) {
        out.add(new Node(path, handle));
        if (depth >= MAX_DEPTH || !handle.getClass().isRecord()) {
            return;
        }
        for (RecordComponent c : handle.getClass().getRecordComponents()) {
            Object value = component(handle, c);
            String at = path + "." + c.getName();
            if (value instanceof ResourceHandle sub) {
                walk(at, sub, out, depth + 1);
            } else if (value instanceof Collection<?> items) {
                int i = 0;
                for (Object item : items) {
                    if (item instanceof ResourceHandle sub) {
                        walk(at + "[" + i + "]", sub, out, depth + 1);
                    }
                    i++;
                }
            }
        }
    }

    private static Object component(ResourceHandle handle, RecordComponent c) {
        try {
            return c.getAccessor().invoke(handle);
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, handle.key() + ": cannot read " + c.getName()
                    + " to find sub-handles: " + e);
            return null;
        }
    }
}
