package org.jvmm.vmm.resource.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResourceResolver;
import org.jvmm.vmm.resource.TestHandles.FileDisk;
import org.osgi.framework.Bundle;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;

class ResolverRegistryComponentTest {
    private final ResolverRegistryComponent component = new ResolverRegistryComponent();

    @Test
    void bindReadsPropertiesAndBundleUnbindRemoves() throws Exception {
        ServiceReference<?> ref = ref(10, "org.jvmm.storage.disk", 4, "disk_handle", "file");
        component.bindResolver(RegistryCoreTest.FILE, ref);
        ResolverInfo info = component.find("disk_handle", "file").orElseThrow();
        assertEquals("org.jvmm.storage.disk", info.bundleSymbolicName());
        assertEquals(4, info.bundleId());
        assertEquals("file:/x", component.resolve(new FileDisk("/x", false), String.class, Inputs.EMPTY, "d"));

        component.unbindResolver(RegistryCoreTest.FILE, ref);
        assertTrue(component.list().isEmpty());
    }

    @Test
    void serviceWithoutKindOrIdIsIgnored() {
        component.bindResolver(RegistryCoreTest.FILE, ref(11, "x", 1, null, "file"));
        component.bindResolver(RegistryCoreTest.FILE, ref(12, "x", 1, "disk_handle", "ram"));
        assertTrue(component.list().isEmpty());
    }

    @Test
    void updatedPropertiesReRegister() {
        ServiceReference<?> ref = ref(13, "x", 1, "disk_handle", "file");
        component.bindResolver(RegistryCoreTest.FILE, ref);
        component.updatedResolver(RegistryCoreTest.FILE, ref);
        assertEquals(1, component.list().size());
    }

    private static ServiceReference<?> ref(long serviceId, String bsn, long bundleId, String kind, String id) {
        Bundle bundle = (Bundle) Proxy.newProxyInstance(Bundle.class.getClassLoader(), new Class<?>[] {Bundle.class},
                (p, m, a) -> switch (m.getName()) {
                    case "getSymbolicName" -> bsn;
                    case "getBundleId" -> bundleId;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        Map<String, Object> props = new HashMap<>();
        props.put(Constants.SERVICE_ID, serviceId);
        if (kind != null) {
            props.put(ResourceResolver.KIND_PROPERTY, kind);
        }
        props.put(ResourceResolver.ID_PROPERTY, id);
        return (ServiceReference<?>) Proxy.newProxyInstance(ServiceReference.class.getClassLoader(),
                new Class<?>[] {ServiceReference.class}, (p, m, a) -> switch (m.getName()) {
                    case "getProperty" -> props.get((String) a[0]);
                    case "getBundle" -> bundle;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
    }
}
