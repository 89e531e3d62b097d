package org.jvmm.devices.virtio.impl.blk;

import java.lang.foreign.ValueLayout;
import org.jvmm.devices.virtio.api.DescriptorChain;
import org.jvmm.devices.virtio.api.VirtQueue;

/** One request: its chain and queue. {@link #finish} writes the status byte, then publishes the chain. */
record BlkRequest(VirtQueue queue, DescriptorChain chain) {
    /**
     * Ends the request with {@code status} in the last writable byte and {@code used} bytes reported;
     * does nothing if the queue was closed (device reset) meanwhile. Any thread.
     */
    void finish(byte status, long used) {
        if (!queue.isOpen()) {
            return;
        }
        chain.writableSlices(chain.writableLength() - 1, 1).getFirst().set(ValueLayout.JAVA_BYTE, 0, status);
        queue.complete(chain, used);
    }
}
