/**
 * virtio-9p: a host directory shared with the guest over 9P2000.L (device id 9, one request queue, the
 * mount tag in config space). The device reads each request chain's message, hands it to the
 * {@code server} package's file server on one worker thread, and writes the reply into the chain's
 * writable buffers; the wire format is in {@code proto}.
 */
package org.jvmm.devices.virtio.impl.p9;
