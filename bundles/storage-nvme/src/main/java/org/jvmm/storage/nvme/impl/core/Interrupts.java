package org.jvmm.storage.nvme.impl.core;

import org.jvmm.pci.api.PciConfigSpace;

/**
 * Completion interrupts: the queue's MSI-X vector when MSI-X is on; otherwise INTx, asserted while
 * a completion queue with interrupts enabled holds unconsumed entries and INTMS does not mask
 * vector 0. Guarded by the controller lock.
 */
final class Interrupts {
    private final Queues queues;
    private PciConfigSpace pci;
    private int mask;

    Interrupts(Queues queues) {
        this.queues = queues;
    }

    void attach(PciConfigSpace config) {
        pci = config;
    }

    /** Whether the function may read and write guest memory (Bus Master Enable). */
    boolean busMaster() {
        return pci != null && pci.busMasterEnabled();
    }

    int mask() {
        return mask;
    }

    void setMask(int value) {
        mask = value;
        update();
    }

    /** An entry was posted to {@code cq}. */
    void posted(CompletionQueue cq) {
        if (cq.interruptsEnabled && pci != null && !pci.signal(cq.vector)) {
            update();
        }
    }

    /** Recomputes the INTx level (after posts, head doorbells, mask changes, resets). */
    void update() {
        if (pci != null) {
            pci.setIntx((mask & 1) == 0 && queues.anyUnconsumed());
        }
    }
}
