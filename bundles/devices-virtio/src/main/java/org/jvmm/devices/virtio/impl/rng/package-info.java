/** virtio-rng: every writable buffer the guest offers is filled from the host's SecureRandom. */
package org.jvmm.devices.virtio.impl.rng;
