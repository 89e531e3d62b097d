/**
 * The FUSE file server behind virtio-fs: node ids stand for paths below the shared root (never
 * {@code ..} above it, never through a symlink, see {@link org.jvmm.devices.virtio.impl.hostfs.ConfinedTree}),
 * file handles for open host files and directory snapshots; one request at a time.
 */
package org.jvmm.devices.virtio.impl.fs.server;
