/**
 * The network endpoint API (OpenVMM's {@code net_backend}): an {@link org.jvmm.net.backend.api.Endpoint}
 * is what a NIC frontend (virtio-net) gets when it resolves a {@code net_endpoint_handle}; it is the
 * host side of one NIC. When the guest driver brings the NIC up, the frontend
 * {@link org.jvmm.net.backend.api.Endpoint#connect connects} and gets a
 * {@link org.jvmm.net.backend.api.NetQueue}: one transmit/receive data path.
 *
 * <p>Frames are whole Ethernet frames without the FCS, {@value org.jvmm.net.backend.api.EthernetFrames#MIN_LENGTH}
 * to {@value org.jvmm.net.backend.api.EthernetFrames#MAX_LENGTH} bytes, with valid checksums (no offloads
 * are negotiated in this version). Transmit is synchronous and takes a scatter-gather list that is only
 * read during the call. Receive is a pull: the endpoint keeps frames for the frontend (bounded, dropping
 * and counting what does not fit) and calls {@link org.jvmm.net.backend.api.NetQueueListener#rxReady()}
 * when some arrive; the frontend takes them with {@link org.jvmm.net.backend.api.NetQueue#receive()} only
 * while the guest has buffers for them, which is the backpressure. Nothing here throws toward the guest:
 * results are values.
 */
@Export
@Version("1.0.0")
package org.jvmm.net.backend.api;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
