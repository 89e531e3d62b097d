package org.jvmm.vm.worker.impl.chipset;

import org.jvmm.chipset.api.VmClock;

/** The devices' {@link VmClock} as the worker drives it: it stands still while the VM is paused. */
public sealed interface ChipsetClock extends VmClock permits HostVmClock, PartitionVmClock {
    /** Stops VM time (the processors are stopped). */
    void pause();

    /** Lets VM time run again. */
    void resume();
}
