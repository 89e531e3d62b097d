package org.jvmm.hv.kvm.impl;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.hv.kvm.impl.ffm.EventFd;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;

/**
 * An ioeventfd: guest writes to one port or MMIO address (optionally of one value) increment an
 * eventfd inside KVM instead of exiting to the VMM, for a device to consume on its own thread (a
 * virtqueue notify). Closing unregisters it.
 */
public final class Doorbell implements AutoCloseable {
    private final KvmVmFd vm;
    private final EventFd eventFd;
    private final long address;
    private final int length;
    private final boolean pio;
    private final Long match;
    private final AtomicBoolean closed = new AtomicBoolean();

    Doorbell(KvmVmFd vm, long address, int length, boolean pio, Long match) {
        this.vm = vm;
        this.address = address;
        this.length = length;
        this.pio = pio;
        this.match = match;
        this.eventFd = EventFd.create();
        try {
            vm.ioeventfd(eventFd.fd(), address, length, pio, match, false);
        } catch (RuntimeException e) {
            eventFd.close();
            throw e;
        }
    }

    /** How many rings since the last call (0 if none). */
    public long takeRings() {
        return eventFd.drain();
    }

    /** The eventfd, for a device that polls it itself. */
    public int fd() {
        return eventFd.fd();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                vm.ioeventfd(eventFd.fd(), address, length, pio, match, true);
            } finally {
                eventFd.close();
            }
        }
    }
}
