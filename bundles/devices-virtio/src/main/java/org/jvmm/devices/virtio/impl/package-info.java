/**
 * virtio implementation: split virtqueues ({@code queue}), the transport core shared by transports
 * ({@code transport}), the virtio-mmio and virtio-pci transports ({@code mmio}, {@code pci}) and the
 * devices ({@code rng}, {@code console}, {@code blk}, {@code net}, {@code vsock}, {@code pmem},
 * {@code p9}, {@code fs}), each a {@code virtio} resolver. Devices share config-space reads
 * ({@code configspace}); the two file servers share confined host-directory access ({@code hostfs}) and
 * their in-order request worker ({@code worker}).
 */
package org.jvmm.devices.virtio.impl;
