package org.jvmm.storage.nvme.impl.core;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** What executing a command under the controller lock produced. */
sealed interface Outcome {
    /** Finished: complete with {@code status} and Dword 0 {@code dw0}. */
    record Done(int status, int dw0) implements Outcome {
        static final Done SUCCESS = new Done(0, 0);

        static Done of(int status) {
            return status == 0 ? SUCCESS : new Done(status, 0);
        }
    }

    /**
     * Disk work to start outside the lock; the future's value is the completion. The namespaces
     * are held (not closed) until it completes.
     */
    record Start(List<Namespace> namespaces, Supplier<CompletableFuture<Done>> op) implements Outcome {
    }

    /** Completed later by whoever parked it (asynchronous event requests, a deferred SQ deletion). */
    enum Parked implements Outcome {
        PARKED
    }
}
