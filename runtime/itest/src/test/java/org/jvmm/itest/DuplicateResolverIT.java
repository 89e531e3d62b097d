package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.itest.ResolverRegistryIT.ID;
import static org.jvmm.itest.ResolverRegistryIT.KIND;
import static org.jvmm.itest.ResolverRegistryIT.PROBE_BSN;
import static org.jvmm.itest.ResolverRegistryIT.PROBE_LOCATION;

import java.util.Hashtable;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;

/** Two bundles claiming one {@code kind:id} is an error naming both; it clears when one leaves. */
class DuplicateResolverIT {
    private final BundleContext context = TrackedService.testContext();
    private TrackedService<ResolverRegistry> registryService;
    private ResolverRegistry registry;
    private Bundle probe;
    private ServiceRegistration<?> shadow;

    @BeforeEach
    void awaitRegistry() throws InterruptedException {
        registryService = TrackedService.await(ResolverRegistry.class);
        registry = registryService.get();
    }

    @AfterEach
    void cleanUp() throws Exception {
        if (shadow != null) {
            shadow.unregister();
        }
        if (probe != null) {
            probe.uninstall();
        }
        registryService.close();
    }

    @Test
    void secondResolverForTheSameKindAndIdIsADuplicateNamingBothBundles() throws Exception {
        probe = context.installBundle(context.getProperty(PROBE_LOCATION));
        probe.start();
        Eventually.await(KIND + ":" + ID + " registered", () -> registry.find(KIND, ID));
        String testBsn = context.getBundle().getSymbolicName();

        shadow = registerShadow();
        ResolverInfo first = Eventually.await("conflict on " + KIND + ":" + ID,
                () -> registry.find(KIND, ID).filter(ResolverInfo::conflicted));
        assertEquals(PROBE_BSN, first.bundleSymbolicName(), "the first registered resolver is reported");
        assertDuplicate(assertThrows(ResolveException.class, () -> registry.require(KIND, ID, "devices[0]")),
                testBsn);
        assertDuplicate(assertThrows(ResolveException.class,
                () -> registry.resolve(new ShadowProbeHandle("com1"), String.class, Inputs.EMPTY, "devices[0]")),
                testBsn);

        shadow.unregister();
        shadow = null;
        Eventually.until("conflict on " + KIND + ":" + ID + " cleared",
                () -> registry.find(KIND, ID).map(i -> !i.conflicted()).orElse(false));
        ResolverInfo remaining = registry.require(KIND, ID, "devices[0]");
        assertEquals(PROBE_BSN, remaining.bundleSymbolicName());
        assertFalse(remaining.conflicted());
    }

    private ServiceRegistration<?> registerShadow() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put(ResourceResolver.KIND_PROPERTY, KIND);
        props.put(ResourceResolver.ID_PROPERTY, ID);
        return context.registerService(ResourceResolver.class, new ShadowProbeResolver(), props);
    }

    private static void assertDuplicate(ResolveException e, String testBsn) {
        assertEquals(ResolveException.Reason.DUPLICATE, e.reason(), e.getMessage());
        assertEquals(KIND + ":" + ID, e.key());
        assertTrue(e.getMessage().contains(PROBE_BSN), "message names " + PROBE_BSN + ": " + e.getMessage());
        assertTrue(e.getMessage().contains(testBsn), "message names " + testBsn + ": " + e.getMessage());
    }
}
