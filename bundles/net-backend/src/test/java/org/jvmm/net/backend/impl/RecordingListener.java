package org.jvmm.net.backend.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvmm.net.backend.api.NetQueueListener;

/** Counts wake-ups and records link changes. */
final class RecordingListener implements NetQueueListener {
    final AtomicInteger rxReady = new AtomicInteger();
    final List<Boolean> links = new ArrayList<>();
    /** Run on every rxReady, to test re-entrant use of the queue. */
    Runnable onRx = () -> { };

    @Override
    public void rxReady() {
        rxReady.incrementAndGet();
        onRx.run();
    }

    @Override
    public synchronized void linkChanged(boolean up) {
        links.add(up);
    }
}
