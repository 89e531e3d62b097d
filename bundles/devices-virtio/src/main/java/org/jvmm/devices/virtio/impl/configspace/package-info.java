/**
 * Device configuration space kept as little-endian bytes: {@link org.jvmm.devices.virtio.impl.configspace.ConfigBytes}
 * answers the transport's 1- to 8-byte reads of it for every device that lays its config out in an array.
 */
package org.jvmm.devices.virtio.impl.configspace;
