/**
 * {@code disk_layer_handle:ram} and {@code disk_handle:ram}: sectors kept in 64 KiB chunks
 * allocated on first write, each with a presence bit per sector, so a RAM diff layer knows which
 * sectors it holds and a chunk never written costs nothing. Requests complete on the calling
 * thread.
 */
package org.jvmm.storage.disk.impl.ram;
