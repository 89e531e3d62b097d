package org.jvmm.vm.worker.impl.graph;

import java.util.function.Supplier;
import org.jvmm.vm.worker.VmState;

/** What {@link HotSwap} needs of its VM. */
public interface VmHooks {
    /** Runs {@code task} on the VM's control thread, after the tasks already posted; dropped once the VM stopped. */
    void post(String what, Runnable task);

    /** Runs {@code action} holding the VM's lock. */
    <T> T locked(Supplier<T> action);

    VmState state();

    void pause();

    void resume();

    /**
     * Resolves {@code handle} (found at config path {@code path}) as a chipset device with the VM's
     * inputs, not yet attached.
     *
     * @throws RuntimeException with the registry's message when it does not resolve
     */
    org.jvmm.chipset.api.ChipsetDevice resolveChipsetDevice(String path, org.jvmm.vmm.resource.ResourceHandle handle);

    /** Puts {@code fresh} on the bus in {@code old}'s place; null when done, else why not (old stays). */
    String replaceChipsetDevice(org.jvmm.chipset.api.ChipsetDevice old, org.jvmm.chipset.api.ChipsetDevice fresh);
}
