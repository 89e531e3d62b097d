package org.jvmm.cli.impl.launch;

import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Filter;
import org.osgi.util.tracker.ServiceTracker;

/** Gets a service, waiting a little for it to come up (bundles may still be activating). */
final class ServiceWait {
    private ServiceWait() {
    }

    /** The highest-ranked {@code type} service, or empty when none appears within {@code millis}. */
    static <T> Optional<T> get(BundleContext ctx, Class<T> type, long millis) throws InterruptedException {
        return await(new ServiceTracker<>(ctx, type, null), millis);
    }

    /** A service matching {@code filter}, or empty when none appears within {@code millis}. */
    static Optional<Object> get(BundleContext ctx, Filter filter, long millis) throws InterruptedException {
        return await(new ServiceTracker<>(ctx, filter, null), millis);
    }

    private static <T> Optional<T> await(ServiceTracker<T, T> tracker, long millis) throws InterruptedException {
        tracker.open();
        try {
            return Optional.ofNullable(tracker.waitForService(millis));
        } finally {
            tracker.close();
        }
    }
}
