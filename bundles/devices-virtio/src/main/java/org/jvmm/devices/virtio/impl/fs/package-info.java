/**
 * virtio-fs (device id 26): a host directory shared with the guest over FUSE. Config space is the tag
 * (36 bytes, NUL padded) and num_request_queues (1); queue 0 is the high-priority queue (FORGET), queue
 * 1 the request queue. Each chain's readable bytes are one FUSE request, its writable bytes receive the
 * reply; requests of both queues run in order on one worker thread through the {@code server} package.
 */
package org.jvmm.devices.virtio.impl.fs;
