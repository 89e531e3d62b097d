package org.jvmm.vm.worker.impl.chipset;

import org.jvmm.hv.api.DeterministicTime;

/**
 * VM time in deterministic mode: the partition's instruction-driven time, so that devices and
 * processors read one clock. It moves only while processors run, so it stands still while the VM
 * is paused by itself, and {@link #pause()} and {@link #resume()} have nothing to change.
 */
public record PartitionVmClock(DeterministicTime time) implements ChipsetClock {
    @Override
    public long nanos() {
        return time.nanos();
    }

    @Override
    public void pause() {
        // Stopped processors retire no instructions and skip no halts: the time stands still.
    }

    @Override
    public void resume() {
        // Time follows the processors again as soon as they run.
    }
}
