package org.jvmm.storage.disk.impl.layered;

import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.disk.api.DiskResult;

/** Counts of read-cache fills; a failed fill does not fail the read, it is counted and shown here. */
final class CacheStats {
    private final AtomicLong fills = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String lastFailure = "";

    void record(DiskResult r) {
        if (r.isOk()) {
            fills.incrementAndGet();
        } else {
            failures.incrementAndGet();
            lastFailure = r.status() + ": " + r.detail();
        }
    }

    void inspect(InspectNode node) {
        long f = fills.get();
        long e = failures.get();
        if (f + e > 0) {
            node.field("cache_fills", f).field("cache_fill_failures", e);
            if (e > 0) {
                node.field("cache_last_failure", lastFailure);
            }
        }
    }
}
