package org.jvmm.storage.disk.impl;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where blocking backends (files, SQLite) run their requests: one virtual thread per request,
 * so a device thread that submits I/O never waits for the disk.
 */
public final class DiskExecutor {
    private static final ExecutorService EXECUTOR =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jvmm-disk-io-", 0).factory());

    private DiskExecutor() {
    }

    public static ExecutorService get() {
        return EXECUTOR;
    }
}
