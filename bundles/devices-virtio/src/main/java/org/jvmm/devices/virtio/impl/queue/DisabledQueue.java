package org.jvmm.devices.virtio.impl.queue;

import java.util.Optional;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;

/** A queue the driver did not enable: it never has chains. */
public record DisabledQueue(int index) implements VirtQueue {
    @Override
    public int size() {
        return 0;
    }

    @Override
    public boolean enabled() {
        return false;
    }

    @Override
    public boolean isOpen() {
        return false;
    }

    @Override
    public Optional<DescriptorChain> next() {
        return Optional.empty();
    }

    @Override
    public boolean complete(DescriptorChain chain, long written) {
        throw new IllegalArgumentException("queue " + index + " is disabled: no chain came from it");
    }
}
