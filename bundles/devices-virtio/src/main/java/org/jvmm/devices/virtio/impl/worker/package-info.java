/**
 * Running a device's requests off the VP thread: {@link org.jvmm.devices.virtio.impl.worker.RequestWorker}
 * drains queues in order on one worker thread and lets a reset wait, bounded, for the request in flight
 * (the virtio-9p and virtio-fs file servers).
 */
package org.jvmm.devices.virtio.impl.worker;
