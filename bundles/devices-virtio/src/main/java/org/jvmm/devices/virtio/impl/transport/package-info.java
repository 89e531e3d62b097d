/**
 * The transport-independent half of a virtio transport: device status and its state machine, feature
 * negotiation, per-queue configuration, activation at DRIVER_OK, reset, and the containment of
 * device and guest errors (DEVICE_NEEDS_RESET). virtio-mmio (and later virtio-pci) add only their
 * register layout and interrupt delivery.
 */
package org.jvmm.devices.virtio.impl.transport;
