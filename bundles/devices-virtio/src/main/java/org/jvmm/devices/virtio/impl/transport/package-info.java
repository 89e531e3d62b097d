/**
 * The transport-independent half of a virtio transport: device status and its state machine, feature
 * negotiation, per-queue configuration, activation at DRIVER_OK, reset, and the containment of
 * device and guest errors (DEVICE_NEEDS_RESET). virtio-mmio and virtio-pci add only their
 * register layout and interrupt delivery.
 *
 * <p>Snapshots: the core's unit {@code virtio.transport} holds the negotiation and the queues with
 * their ring positions; a transport's unit ({@code virtio.mmio}, {@code virtio.pci}) nests it and the
 * device's own unit ({@link org.jvmm.devices.virtio.impl.transport.NestedUnit}). Saving asks the
 * device first (it finishes or gives back every chain it took, or refuses with a
 * {@link org.jvmm.chipset.api.SaveRefusedException}), then the core, which refuses
 * while a chain is still taken. Restoring resets the transport, restores the device, then the core,
 * which activates the device again on queues that go on where they were: the driver needs no reset.
 */
package org.jvmm.devices.virtio.impl.transport;
