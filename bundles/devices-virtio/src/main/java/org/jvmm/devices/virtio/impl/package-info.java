/**
 * virtio implementation: split virtqueues ({@code queue}), the transport core shared by transports
 * ({@code transport}), the virtio-mmio transport ({@code mmio}) and the devices ({@code rng},
 * {@code console}, {@code blk}), each a {@code virtio} resolver.
 */
package org.jvmm.devices.virtio.impl;
