package org.jvmm.vm.worker.impl.chipset;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts one device's failed guest accesses and logs some of them: the first
 * {@value #FIRST} and then those whose count is a power of two, so that a guest hammering a
 * broken register cannot flood the log.
 */
final class IoErrorLog {
    static final int FIRST = 10;
    private static final System.Logger LOG = System.getLogger(ChipsetBus.class.getName());

    private final String device;
    private final AtomicLong count = new AtomicLong();

    IoErrorLog(String device) {
        this.device = device;
    }

    /** Records one error; returns whether it was logged. */
    boolean record(String what) {
        long n = count.incrementAndGet();
        if (!shouldLog(n)) {
            return false;
        }
        LOG.log(Level.WARNING, device + ": " + what + (n > FIRST ? " (" + n + " errors so far)" : ""));
        return true;
    }

    long count() {
        return count.get();
    }

    static boolean shouldLog(long n) {
        return n <= FIRST || Long.bitCount(n) == 1;
    }
}
