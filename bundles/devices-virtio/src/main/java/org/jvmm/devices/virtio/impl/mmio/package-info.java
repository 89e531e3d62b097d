/**
 * The virtio-mmio transport, version 2 (virtio 1.x section 4.2): a 512-byte register window raising
 * one level-triggered GSI, announced to the guest in the DSDT as {@code LNRO0005}.
 *
 * <p>Threading: queue notifications are processed synchronously on the VP thread that wrote
 * QueueNotify, under the transport core's lock (one register access at a time per device); devices
 * start slow host I/O asynchronously and complete it from their own threads through the thread-safe
 * queues. The interrupt status and line level have their own small lock, so completions never wait
 * for a VP thread.
 */
package org.jvmm.devices.virtio.impl.mmio;
