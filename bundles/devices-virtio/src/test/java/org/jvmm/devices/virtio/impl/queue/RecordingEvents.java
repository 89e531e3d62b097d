package org.jvmm.devices.virtio.impl.queue;

import java.util.ArrayList;
import java.util.List;

/** Queue events recorded for assertions. */
final class RecordingEvents implements QueueEvents {
    final List<Integer> interrupts = new ArrayList<>();
    final List<String> failures = new ArrayList<>();

    @Override
    public void interrupt(int queue) {
        interrupts.add(queue);
    }

    @Override
    public void failed(int queue, String reason) {
        failures.add(reason);
    }
}
