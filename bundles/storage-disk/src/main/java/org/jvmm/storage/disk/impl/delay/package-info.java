/**
 * {@code disk_handle:delay}: every request waits a fixed time before it goes to the inner disk,
 * without holding a thread ({@link java.util.concurrent.CompletableFuture#delayedExecutor}).
 */
package org.jvmm.storage.disk.impl.delay;
