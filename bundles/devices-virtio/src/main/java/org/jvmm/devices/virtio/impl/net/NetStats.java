package org.jvmm.devices.virtio.impl.net;

import org.jvmm.inspect.InspectNode;

/** Counters of one NIC; updated under the device's lock. */
final class NetStats {
    long txFrames;
    long txBytes;
    /** Frames the endpoint took and discarded. */
    long txDropped;
    /** Chains without a whole header, with offloads not negotiated, or a frame outside the Ethernet limits. */
    long txErrors;
    /** Frames sent while the endpoint was disconnected. */
    long txNoLink;
    long rxFrames;
    long rxBytes;
    /** Frames larger than every buffer the guest offered. */
    long rxTooLarge;
    /** Frames taken from the endpoint and lost to a device reset. */
    long rxLostOnReset;
    /** Receive buffers held for a waiting frame and given back empty when the VM was saved. */
    long rxReturnedOnSave;
    /** Receive chains too short for a header (or without writable bytes), returned empty. */
    long rxBadBuffers;
    /** Times a frame waited because the guest had no (or not enough) receive buffers. */
    long rxNoBuffers;

    void inspect(InspectNode node) {
        node.field("tx_frames", txFrames).field("tx_bytes", txBytes).field("tx_dropped", txDropped)
                .field("tx_errors", txErrors).field("tx_no_link", txNoLink).field("rx_frames", rxFrames)
                .field("rx_bytes", rxBytes).field("rx_too_large", rxTooLarge).field("rx_lost_on_reset", rxLostOnReset)
                .field("rx_returned_on_save", rxReturnedOnSave)
                .field("rx_bad_buffers", rxBadBuffers).field("rx_no_buffers", rxNoBuffers);
    }
}
