package org.jvmm.vm.worker.impl;

import java.lang.System.Logger.Level;
import org.jvmm.vm.worker.impl.lifecycle.GuestEvent;

/**
 * Hands guest events to the VM once it exists; devices get the relay while they are being
 * resolved, before the VM is built. Events before that are logged and dropped.
 */
final class EventRelay implements GuestEvent.Sink {
    private static final System.Logger LOG = System.getLogger(EventRelay.class.getName());
    private volatile GuestEvent.Sink target;

    void attach(GuestEvent.Sink sink) {
        target = sink;
    }

    @Override
    public void post(GuestEvent event) {
        GuestEvent.Sink t = target;
        if (t == null) {
            LOG.log(Level.WARNING, "guest event " + event + " while the VM is being built: ignored");
            return;
        }
        t.post(event);
    }
}
