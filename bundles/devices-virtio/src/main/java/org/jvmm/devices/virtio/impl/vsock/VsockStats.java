package org.jvmm.devices.virtio.impl.vsock;

import java.util.concurrent.atomic.LongAdder;
import org.jvmm.inspect.InspectNode;

/** Counters of one vsock device; written by its relay thread, read by inspect. */
final class VsockStats {
    final LongAdder packetsFromGuest = new LongAdder();
    final LongAdder packetsToGuest = new LongAdder();
    final LongAdder bytesToHost = new LongAdder();
    final LongAdder bytesToGuest = new LongAdder();
    final LongAdder malformed = new LongAdder();
    final LongAdder shortRxBuffers = new LongAdder();
    final LongAdder resetsSent = new LongAdder();
    final LongAdder guestConnects = new LongAdder();
    final LongAdder hostConnects = new LongAdder();
    final LongAdder refused = new LongAdder();
    final LongAdder relayErrors = new LongAdder();

    void inspect(InspectNode node) {
        node.field("packets_from_guest", packetsFromGuest.sum()).field("packets_to_guest", packetsToGuest.sum())
                .field("bytes_to_host", bytesToHost.sum()).field("bytes_to_guest", bytesToGuest.sum())
                .field("malformed", malformed.sum()).field("short_rx_buffers", shortRxBuffers.sum())
                .field("resets_sent", resetsSent.sum()).field("guest_connects", guestConnects.sum())
                .field("host_connects", hostConnects.sum()).field("refused", refused.sum())
                .field("relay_errors", relayErrors.sum());
    }
}
