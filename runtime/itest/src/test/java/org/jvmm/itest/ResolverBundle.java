package org.jvmm.itest;

import org.jvmm.vmm.resource.ResolverRegistry;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/**
 * The itest-resolver bundle (resolvers {@code chipset_device_handle:itest-probe} and
 * {@code hypervisor:itest}), installed and started for one test; {@link #close()} uninstalls it.
 */
final class ResolverBundle implements AutoCloseable {
    static final String BSN = ResolverRegistryIT.PROBE_BSN;
    static final String HYPERVISOR = "hypervisor";
    static final String BACKEND = "itest";

    private final Bundle bundle;

    private ResolverBundle(Bundle bundle) {
        this.bundle = bundle;
    }

    /** Installs and starts the bundle, and waits until the registry has its backend. */
    static ResolverBundle start(ResolverRegistry registry) throws Exception {
        BundleContext context = TrackedService.testContext();
        ResolverBundle b = new ResolverBundle(
                context.installBundle(context.getProperty(ResolverRegistryIT.PROBE_LOCATION)));
        b.bundle.start();
        b.awaitBackend(registry);
        return b;
    }

    /** Waits until {@code hypervisor:itest} is registered (after a start or a restart). */
    void awaitBackend(ResolverRegistry registry) throws InterruptedException {
        Eventually.await(HYPERVISOR + ":" + BACKEND + " registered", () -> registry.find(HYPERVISOR, BACKEND));
    }

    Bundle bundle() {
        return bundle;
    }

    @Override
    public void close() throws BundleException {
        bundle.uninstall();
    }
}
