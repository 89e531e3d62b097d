/**
 * Confined access to a host directory, shared by the virtio-9p and virtio-fs file servers:
 * {@link org.jvmm.devices.virtio.impl.hostfs.ConfinedTree} turns a
 * {@link org.jvmm.devices.virtio.impl.hostfs.ConfinedPath} into a host path (checked names, ".." clamped at
 * the root, no symlink ever followed, directories above re-checked before each use);
 * {@link org.jvmm.devices.virtio.impl.hostfs.HostStat} is lstat(2),
 * {@link org.jvmm.devices.virtio.impl.hostfs.HostFiles} the attribute changes, and failures are Linux
 * errnos ({@link org.jvmm.devices.virtio.impl.hostfs.Errno},
 * {@link org.jvmm.devices.virtio.impl.hostfs.ErrnoException},
 * {@link org.jvmm.devices.virtio.impl.hostfs.HostErrors}), which both protocols answer with.
 */
package org.jvmm.devices.virtio.impl.hostfs;
