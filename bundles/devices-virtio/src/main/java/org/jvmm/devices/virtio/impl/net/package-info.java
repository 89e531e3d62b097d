/**
 * virtio-net on a {@link org.jvmm.net.backend.api.Endpoint} (a {@code net_endpoint_handle}): one
 * receive/transmit queue pair, the MAC and link status in config space, mergeable receive buffers, the
 * 12-byte {@code virtio_net_hdr} of VIRTIO_F_VERSION_1, and no offloads: frames carry full checksums,
 * and a transmit header asking for checksum or segmentation offload is malformed (dropped, counted).
 * Transmit ({@link org.jvmm.devices.virtio.impl.net.TxPath}) hands guest-memory slices to the endpoint;
 * receive ({@link org.jvmm.devices.virtio.impl.net.RxPath}) pulls frames from it only while the guest
 * has buffers, so the endpoint's backlog is the backpressure.
 */
package org.jvmm.devices.virtio.impl.net;
