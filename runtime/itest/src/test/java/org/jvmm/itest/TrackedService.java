package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;

import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.ServiceReference;
import org.osgi.util.tracker.ServiceTracker;

/** A service of the running framework, waited for and tracked while a test runs. */
final class TrackedService<T> implements AutoCloseable {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ServiceTracker<T, T> tracker;
    private final T service;

    private TrackedService(BundleContext context, Class<T> type) throws InterruptedException {
        tracker = new ServiceTracker<>(context, type, null);
        tracker.open();
        service = tracker.waitForService(TIMEOUT.toMillis());
        assertNotNull(service, "no " + type.getName() + " service within " + TIMEOUT.toSeconds() + " s");
    }

    /** Waits for a {@code type} service; fails the test when none comes. */
    static <T> TrackedService<T> await(Class<T> type) throws InterruptedException {
        return new TrackedService<>(testContext(), type);
    }

    /** The bundle context of the test bundle. */
    static BundleContext testContext() {
        return FrameworkUtil.getBundle(TrackedService.class).getBundleContext();
    }

    T get() {
        return service;
    }

    ServiceReference<T> reference() {
        return tracker.getServiceReference();
    }

    @Override
    public void close() {
        tracker.close();
    }
}
