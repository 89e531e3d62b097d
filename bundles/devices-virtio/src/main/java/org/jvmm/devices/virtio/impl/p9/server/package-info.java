/**
 * The 9P2000.L file server of virtio-9p: {@link org.jvmm.devices.virtio.impl.p9.server.P9Server} answers
 * one message at a time over a host directory, confined to it by
 * {@link org.jvmm.devices.virtio.impl.hostfs.ConfinedTree} (checked names, no symlink ever followed,
 * ".." clamped at the root). Operations are grouped by concern: session (version, attach, walk, clunk,
 * flush), file I/O, directory contents and links, removal and rename, attributes.
 */
package org.jvmm.devices.virtio.impl.p9.server;
