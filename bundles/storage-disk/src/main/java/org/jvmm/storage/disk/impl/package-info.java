/**
 * Disk backends and layers, each with its DS resolver in a sub-package. Shared here: the
 * scatter-gather helpers ({@link org.jvmm.storage.disk.impl.ScatterGather}), request checks
 * and the mapping of failures to {@link org.jvmm.storage.disk.api.DiskResult}s
 * ({@link org.jvmm.storage.disk.impl.Requests}), and the virtual-thread executor blocking
 * backends run on ({@link org.jvmm.storage.disk.impl.DiskExecutor}).
 */
package org.jvmm.storage.disk.impl;
