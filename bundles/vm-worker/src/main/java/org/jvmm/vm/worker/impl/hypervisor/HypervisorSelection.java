package org.jvmm.vm.worker.impl.hypervisor;

import java.util.Map;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Probe;
import org.jvmm.inspect.InspectNode;
import org.jvmm.inspect.Inspectable;

/**
 * The chosen backend, its probe, whether it was forced past an unusable probe, and why the
 * backends tried before it were skipped (name to reason, in the order tried).
 */
public record HypervisorSelection(Hypervisor hypervisor, Probe probe, boolean forced, Map<String, String> skipped)
        implements Inspectable {

    public HypervisorSelection {
        skipped = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(skipped));
    }

    public String name() {
        return hypervisor.name();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("chosen", hypervisor.name());
        node.field("probe", probe.reason());
        node.field("forced", forced);
        InspectNode s = node.child("skipped");
        skipped.forEach(s::field);
    }
}
