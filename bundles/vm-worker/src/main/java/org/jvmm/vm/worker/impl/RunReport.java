package org.jvmm.vm.worker.impl;

import java.util.Locale;
import java.util.function.LongSupplier;
import org.jvmm.hv.api.Partition;

/**
 * A VM's running time (paused time excluded) and the line it logs when it stops, e.g.
 * {@code vm1 stopped (powered off) after 12.345 s: vp0 123456789 instructions, total 123456789 (10.0 M/s)}.
 * Processors that cannot count their instructions are left out.
 */
final class RunReport {
    private final LongSupplier nanoClock;
    private long runningNanos;
    private long since = -1;

    RunReport(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** The processors (re)start running; nothing when they already run. */
    synchronized void resumed() {
        if (since < 0) {
            since = nanoClock.getAsLong();
        }
    }

    /** The processors stopped running; nothing when they were not running. */
    synchronized void halted() {
        if (since >= 0) {
            runningNanos += nanoClock.getAsLong() - since;
            since = -1;
        }
    }

    /** Nanoseconds the processors ran so far. */
    synchronized long runningNanos() {
        return runningNanos + (since < 0 ? 0 : nanoClock.getAsLong() - since);
    }

    /** The stop line of VM {@code name}, with the counts of {@code partition}'s processors. */
    String stopLine(String name, String reason, Partition partition) {
        long[] retired = new long[partition.processorCount()];
        for (int i = 0; i < retired.length; i++) {
            retired[i] = partition.processor(i).instructionsRetired();
        }
        return stopLine(name, reason, runningNanos(), retired);
    }

    static String stopLine(String name, String reason, long nanos, long[] retired) {
        StringBuilder line = new StringBuilder(name).append(" stopped (").append(reason).append(") after ")
                .append(String.format(Locale.ROOT, "%.3f s", nanos / 1e9));
        long total = 0;
        boolean counted = false;
        for (int i = 0; i < retired.length; i++) {
            if (retired[i] >= 0) {
                line.append(counted ? ", " : ": ").append("vp").append(i).append(' ').append(retired[i])
                        .append(" instructions");
                total += retired[i];
                counted = true;
            }
        }
        if (counted) {
            line.append(", total ").append(total);
            if (nanos > 0) {
                line.append(String.format(Locale.ROOT, " (%.1f M/s)", total * 1e3 / nanos));
            }
        }
        return line.toString();
    }
}
