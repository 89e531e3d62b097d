package org.jvmm.hv.kvm.impl;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.hv.kvm.impl.ffm.EventFd;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;

/**
 * An irqfd: a GSI routed to one edge-triggered MSI, raised by writing an eventfd, so a device thread
 * interrupts the guest with one write(2) and no ioctl. Closing detaches it and frees the route.
 */
public final class InterruptFd implements AutoCloseable {
    private final KvmVmFd vm;
    private final GsiRoutes routes;
    private final EventFd eventFd;
    private final int gsi;
    private final AtomicBoolean closed = new AtomicBoolean();

    InterruptFd(KvmVmFd vm, GsiRoutes routes, MsiMessage message) {
        this.vm = vm;
        this.routes = routes;
        this.eventFd = EventFd.create();
        int g = -1;
        try {
            g = routes.addIrqfdRoute(message);
            vm.irqfd(eventFd.fd(), g, false);
        } catch (RuntimeException e) {
            if (g >= 0) {
                routes.removeIrqfdRoute(g);
            }
            eventFd.close();
            throw e;
        }
        this.gsi = g;
    }

    /** Raises the interrupt. Thread-safe. */
    public void signal() {
        eventFd.signal();
    }

    public int gsi() {
        return gsi;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                vm.irqfd(eventFd.fd(), gsi, true);
                routes.removeIrqfdRoute(gsi);
            } finally {
                eventFd.close();
            }
        }
    }
}
