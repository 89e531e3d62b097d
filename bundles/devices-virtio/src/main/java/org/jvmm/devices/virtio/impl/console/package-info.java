/**
 * virtio-console with a single port (no VIRTIO_CONSOLE_F_MULTIPORT): receiveq 0 carries host input
 * to the guest, transmitq 1 guest output to the host. The host side is any {@code serial_handle}
 * backend of the chipset bundle ({@link org.jvmm.chipset.serial.SerialBackend}), so
 * {@code --virtio-console} takes the same backends as {@code --com1}. Host input is moved into the
 * guest on the backend's thread (its wake listener) or when the driver adds receive buffers.
 */
package org.jvmm.devices.virtio.impl.console;
