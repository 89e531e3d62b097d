package org.jvmm.vm.worker.impl.hypervisor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jvmm.hv.api.Hypervisor;
import org.jvmm.hv.api.Probe;
import org.jvmm.vm.config.HypervisorChoice;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ProviderHints;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceKinds;

/** Resolves and probes {@code hypervisor:<name>} backends and picks one. */
public final class HypervisorSelector {
    /** Tried first, in this order, when the choice is automatic; other backends follow by name. */
    public static final List<String> PREFERRED = List.of("kvm", "whp", "emu");
    private static final String KIND = ResourceKinds.HYPERVISOR;
    private static final String PATH = "hypervisor";

    private final ResolverRegistry registry;

    public HypervisorSelector(ResolverRegistry registry) {
        this.registry = registry;
    }

    public HypervisorSelection select(HypervisorChoice choice) throws VmLaunchException {
        return choice.auto() ? automatic() : explicit(choice.name(), choice.force());
    }

    private HypervisorSelection explicit(String name, boolean force) throws VmLaunchException {
        Hypervisor hv;
        try {
            hv = resolve(name);
        } catch (ResolveException e) {
            throw new VmLaunchException("hypervisor: " + name + ": " + reason(e), e);
        }
        Probe probe = probe(hv);
        if (probe.usable()) {
            return new HypervisorSelection(hv, probe, false, Map.of());
        }
        if (force && probe.forceable()) {
            return new HypervisorSelection(hv, probe, true, Map.of());
        }
        String hint = probe.forceable() ? " (it can be forced)" : force ? " (it cannot be forced)" : "";
        throw new VmLaunchException("hypervisor: " + name + " is not usable here: " + probe.reason() + hint);
    }

    private HypervisorSelection automatic() throws VmLaunchException {
        Map<String, String> skipped = new LinkedHashMap<>();
        for (String name : candidates()) {
            Hypervisor hv;
            try {
                hv = resolve(name);
            } catch (ResolveException e) {
                skipped.put(name, reason(e));
                continue;
            }
            Probe probe = probe(hv);
            if (probe.usable()) {
                return new HypervisorSelection(hv, probe, false, skipped);
            }
            skipped.put(name, probe.reason());
        }
        throw new VmLaunchException("hypervisor: no usable backend — tried " + skipped.entrySet().stream()
                .map(e -> e.getKey() + " (" + e.getValue() + ")").collect(Collectors.joining(", ")));
    }

    /** kvm, whp, emu, then every other registered backend by name. */
    List<String> candidates() {
        List<String> names = new ArrayList<>(PREFERRED);
        registry.list().stream().filter(i -> i.kind().equals(KIND)).map(ResolverInfo::id)
                .filter(id -> !names.contains(id)).sorted().distinct().forEach(names::add);
        return names;
    }

    private Hypervisor resolve(String name) throws ResolveException {
        ResourceHandle handle = DefaultHandles.build(registry, KIND, name, PATH, Map.of());
        Hypervisor hv = registry.resolve(handle, Hypervisor.class, Inputs.EMPTY, PATH);
        if (!name.equals(hv.name())) {
            throw ResolveException.failed(KIND, name, PATH, "the backend calls itself " + hv.name());
        }
        return hv;
    }

    private static Probe probe(Hypervisor hv) {
        try {
            return hv.probe();
        } catch (RuntimeException e) {
            return Probe.unusable("probe failed: " + e);
        }
    }

    /** A missing resolver without the path noise: {@code no resolver for hypervisor:kvm — install ...}. */
    private static String reason(ResolveException e) {
        if (e.reason() == ResolveException.Reason.MISSING) {
            return "no resolver for " + e.key() + ProviderHints.bundleFor(e.kind(), e.id())
                    .map(b -> " — install or start bundle " + b).orElse("");
        }
        return e.getMessage();
    }
}
