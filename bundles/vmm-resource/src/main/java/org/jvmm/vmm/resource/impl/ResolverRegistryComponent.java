package org.jvmm.vmm.resource.impl;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jvmm.vmm.resource.ChildRegistry;
import org.jvmm.vmm.resource.HandleTypes;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** The registry as a DS component: tracks every {@link ResourceResolver} service. */
@Component(service = ResolverRegistry.class, immediate = true)
public class ResolverRegistryComponent implements ResolverRegistry {
    private static final System.Logger LOG = System.getLogger(ResolverRegistryComponent.class.getName());

    private final RegistryCore core = new RegistryCore(null,
            (msg, t) -> LOG.log(Level.WARNING, msg, t));
    private final Map<Long, Registration> byServiceId = new ConcurrentHashMap<>();

    @Reference(service = ResourceResolver.class, policy = ReferencePolicy.DYNAMIC,
            cardinality = ReferenceCardinality.MULTIPLE, policyOption = ReferencePolicyOption.GREEDY)
    void bindResolver(ResourceResolver<?, ?> resolver, ServiceReference<?> ref) {
        Object kind = ref.getProperty(ResourceResolver.KIND_PROPERTY);
        Object id = ref.getProperty(ResourceResolver.ID_PROPERTY);
        Long serviceId = (Long) ref.getProperty(Constants.SERVICE_ID);
        if (!(kind instanceof String k) || !(id instanceof String i)) {
            core.problem("ignoring resolver " + resolver.getClass().getName() + " (service " + serviceId
                    + "): service properties " + ResourceResolver.KIND_PROPERTY + " and "
                    + ResourceResolver.ID_PROPERTY + " must both be strings, got " + kind + " and " + id, null);
            return;
        }
        Bundle bundle = ref.getBundle();
        String bsn = bundle == null ? "unknown" : String.valueOf(bundle.getSymbolicName());
        long bundleId = bundle == null ? -1 : bundle.getBundleId();
        try {
            byServiceId.put(serviceId, core.register(resolver, k, i, bsn, bundleId));
        } catch (IllegalArgumentException e) {
            core.problem("ignoring resolver from " + bsn + ": " + e.getMessage(), null);
        }
    }

    void updatedResolver(ResourceResolver<?, ?> resolver, ServiceReference<?> ref) {
        unbindResolver(resolver, ref);
        bindResolver(resolver, ref);
    }

    void unbindResolver(ResourceResolver<?, ?> resolver, ServiceReference<?> ref) {
        Registration r = byServiceId.remove((Long) ref.getProperty(Constants.SERVICE_ID));
        if (r != null) {
            r.close();
        }
    }

    @Override
    public Optional<ResolverInfo> find(String kind, String id) {
        return core.find(kind, id);
    }

    @Override
    public ResolverInfo require(String kind, String id, String path) throws ResolveException {
        return core.require(kind, id, path);
    }

    @Override
    public List<ResolverInfo> list() {
        return core.list();
    }

    @Override
    public <T> T resolve(ResourceHandle handle, Class<T> type, Inputs inputs, String path) throws ResolveException {
        return core.resolve(handle, type, inputs, path);
    }

    @Override
    public HandleTypes handleTypes() {
        return core.handleTypes();
    }

    @Override
    public Registration addListener(ResolverListener listener) {
        return core.addListener(listener);
    }

    @Override
    public ChildRegistry createChild(String name) {
        return core.createChild(name);
    }
}
