package org.jvmm.vm.worker.impl;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;

/**
 * Closes a VM's parts once its processor threads have ended: the poll thread, the provider watch, every
 * device on the bus (files, sockets, disks, the terminal; the last added first), the partition and the
 * per-VM registry, and, unless the RAM is kept for a restart, guest memory. Collects what went wrong
 * instead of stopping at the first failure.
 */
final class PartsCloser {
    private static final System.Logger LOG = System.getLogger(PartsCloser.class.getName());

    private final VmParts parts;
    private final StringBuilder problems = new StringBuilder();

    PartsCloser(VmParts parts) {
        this.parts = parts;
    }

    /**
     * Closes all but the RAM; {@code alive} are the processors whose thread did not end (then the
     * partition stays open, since they may still run in it).
     */
    PartsCloser closeParts(List<Integer> alive, AutoCloseable providerWatch, Duration timeout) {
        if (!parts.poll().stop(timeout)) {
            problems.append("the device poll thread did not end; ");
        }
        close("provider watch", providerWatch);
        if (alive.isEmpty()) {
            closeDevices();
            close("partition", parts.partition());
        } else {
            problems.append("vp ").append(alive).append(" did not end: partition and memory left open; ");
        }
        close("per-VM registry", parts.registry());
        return this;
    }

    /** Closes guest memory (after {@link #closeParts}, when no processor thread is left). */
    PartsCloser closeMemory() {
        close("guest memory", parts.memory());
        return this;
    }

    /** What went wrong, "; "-separated, or "". */
    String problems() {
        return problems.isEmpty() ? "" : problems.substring(0, problems.length() - 2);
    }

    private void closeDevices() {
        List<ChipsetDevice> devices = parts.bus().devices();
        for (int i = devices.size() - 1; i >= 0; i--) {
            if (devices.get(i) instanceof AutoCloseable c) {
                close("device " + devices.get(i).name(), c);
            }
        }
    }

    private void close(String what, AutoCloseable part) {
        try {
            part.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, parts.name() + ": closing the " + what + " failed", e);
            problems.append("closing the ").append(what).append(" failed: ").append(e.getMessage()).append("; ");
        }
    }
}
