/**
 * The modern virtio-pci transport (virtio 1.x section 4.1), resolved as
 * {@code pci_device_handle:virtio_pci}: a PCI Express endpoint 1AF4:(1040 + virtio id), revision 1,
 * subsystem 1AF4:1100, class by device type (blk, fs and 9p 0x018000, net 0x020000, console and
 * vsock 0x078000, others 0xFF0000), with one 64-bit prefetchable 32 KiB memory BAR (BAR 4)
 * holding the common, ISR, device-config and notify structures and the MSI-X table and PBA, each on
 * its own 4 KiB page ({@link org.jvmm.devices.virtio.impl.pci.PciLayout}).
 *
 * <p>Choices: notify_off_multiplier is 4 and queue_notify_off is the queue index, so each queue has
 * its own doorbell and the written value is not needed. MSI-X has the queue count + 1 vectors;
 * vectors outside the table read back as NO_VECTOR (0xFFFF), which is how Linux learns to fall back
 * to fewer vectors. Without MSI-X, interrupts set the ISR status and assert INTA until the ISR is
 * read. The VIRTIO_PCI_CAP_PCI_CFG window reaches the whole BAR, MSI-X structures included.
 *
 * <p>Threading: as virtio-mmio. Register accesses come from VP threads; the transport core serialises
 * them; completions raise interrupts from device threads through {@code PciInterrupts}, whose lock
 * is taken after the core's and before the config space's.
 */
package org.jvmm.devices.virtio.impl.pci;
