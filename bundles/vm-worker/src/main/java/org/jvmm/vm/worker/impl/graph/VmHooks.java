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
}
