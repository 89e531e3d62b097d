/**
 * virtio-blk on a {@link org.jvmm.storage.disk.api.Disk}: IN, OUT, FLUSH, GET_ID, DISCARD (when the
 * disk supports unmap) and WRITE_ZEROES, one request queue. Requests are parsed and started on the VP
 * thread that notified; disk I/O completes asynchronously, and the completion writes the status
 * byte, then publishes the used element. Reset waits (bounded) for requests in flight.
 */
package org.jvmm.devices.virtio.impl.blk;
