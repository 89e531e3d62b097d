/**
 * Split virtqueues (virtio 1.x section 2.7). Everything the guest wrote is untrusted: ring addresses
 * and sizes are checked when the queue is enabled, every descriptor index, length, address, flag
 * combination and chain length when a chain is taken. A malformed chain fails the queue (the device
 * goes to DEVICE_NEEDS_RESET) instead of throwing; chains handed to devices only name guest RAM.
 */
package org.jvmm.devices.virtio.impl.queue;
