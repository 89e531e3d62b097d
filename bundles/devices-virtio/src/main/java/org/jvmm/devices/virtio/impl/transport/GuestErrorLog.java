package org.jvmm.devices.virtio.impl.transport;

import java.lang.System.Logger.Level;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Logs guest protocol errors and device failures of one device, rate-limited: the first few at
 * WARNING, then only counted (a guest must not be able to flood the host log).
 */
final class GuestErrorLog {
    private static final System.Logger LOG = System.getLogger("org.jvmm.devices.virtio");
    private static final int LOGGED = 8;

    private final String device;
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong deviceErrors = new AtomicLong();

    GuestErrorLog(String device) {
        this.device = device;
    }

    void guestError(String reason) {
        if (count.incrementAndGet() <= LOGGED) {
            LOG.log(Level.WARNING, device + ": device needs reset: " + reason
                    + (count.get() == LOGGED ? " (further errors are only counted)" : ""));
        }
    }

    void deviceError(String what, RuntimeException e) {
        deviceErrors.incrementAndGet();
        if (count.incrementAndGet() <= LOGGED) {
            LOG.log(Level.WARNING, device + ": " + what, e);
        }
    }

    /** Guest errors and device failures. */
    long count() {
        return count.get();
    }

    /** Exceptions thrown by the device (bugs in the device, not the guest). */
    long deviceErrors() {
        return deviceErrors.get();
    }
}
