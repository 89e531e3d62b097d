/**
 * The FUSE wire format as virtio-fs carries it: little-endian requests (fuse_in_header then the
 * opcode's arguments) read with {@link org.jvmm.devices.virtio.impl.fs.fuse.FuseIn}, replies
 * (fuse_out_header then the body) built with {@link org.jvmm.devices.virtio.impl.fs.fuse.FuseOut},
 * failures as {@link org.jvmm.devices.virtio.impl.hostfs.ErrnoException} carrying a Linux errno.
 */
package org.jvmm.devices.virtio.impl.fs.fuse;
