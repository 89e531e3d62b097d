/** 9P2000.L wire format: message numbers, qids, and bounds-checked little-endian readers and writers. */
package org.jvmm.devices.virtio.impl.p9.proto;
