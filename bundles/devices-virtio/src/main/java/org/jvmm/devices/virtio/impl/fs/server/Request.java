package org.jvmm.devices.virtio.impl.fs.server;

import org.jvmm.devices.virtio.impl.fs.fuse.FuseIn;

/**
 * One decoded request: fuse_in_header's opcode, unique and nodeid, the arguments after the header, and
 * {@code room}, the most reply-body bytes the guest's buffers hold.
 */
record Request(int opcode, long unique, long nodeid, FuseIn in, int room) {
}
