package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;

/** The registry service, and a resolver bundle that is installed, started and stopped at run time. */
class ResolverRegistryIT {
    static final String KIND = "chipset_device_handle";
    static final String ID = "itest-probe";
    static final String PROBE_BSN = "org.jvmm.itest.resolver";
    /** Framework property (test.bndrun) with the location of the itest-resolver bundle. */
    static final String PROBE_LOCATION = "jvmm.itest.resolver.location";

    private final BundleContext context = TrackedService.testContext();
    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private Bundle probe;

    @BeforeEach
    void awaitRegistry() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (probe != null) {
            probe.uninstall();
        }
        registryService.close();
    }

    @Test
    void registryIsProvidedByTheVmmResourceBundle() {
        assertEquals("org.jvmm.vmm.resource", registryService.reference().getBundle().getSymbolicName());
        assertTrue(registry.find(KIND, ID).isEmpty(), "probe resolver present before its bundle was installed");
    }

    @Test
    void resolverComesWithItsBundleAndGoesWhenItStops() throws Exception {
        probe = context.installBundle(context.getProperty(PROBE_LOCATION));
        assertTrue(registry.find(KIND, ID).isEmpty(), "resolver present before its bundle started");

        probe.start();
        ResolverInfo info = Eventually.await(KIND + ":" + ID + " in registry.list()",
                () -> registry.list().stream().filter(i -> i.key().equals(KIND + ":" + ID)).findFirst());
        assertEquals(PROBE_BSN, info.bundleSymbolicName());
        assertEquals(probe.getBundleId(), info.bundleId());
        assertFalse(info.conflicted());

        probe.stop();
        Eventually.until(KIND + ":" + ID + " gone from registry.list()",
                () -> registry.list().stream().noneMatch(i -> i.key().equals(KIND + ":" + ID)));
        assertEquals(Optional.empty(), registry.find(KIND, ID));
    }

    @Test
    void handleFromJsonResolvesThroughTheInstalledBundle() throws Exception {
        probe = context.installBundle(context.getProperty(PROBE_LOCATION));
        probe.start();
        Eventually.await(KIND + ":" + ID + " registered", () -> registry.find(KIND, ID));

        String json = "{\"resource\":\"" + KIND + ":" + ID + "\",\"name\":\"com1\"}";
        ResourceHandle handle = HandleJson.reader(HandleJson.mapper(), registry.handleTypes())
                .forType(ResourceHandle.class).readValue(json);
        assertEquals(KIND + ":" + ID, handle.key());
        assertEquals("probe:com1", registry.resolve(handle, String.class, Inputs.EMPTY, "devices[0]"));
    }
}
