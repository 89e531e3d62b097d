package org.jvmm.vm.worker.impl;

import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.chipset.DeviceConflictException;
import org.jvmm.vm.worker.impl.graph.VmHooks;
import org.jvmm.vmm.resource.ResourceHandle;

/** The VM as {@link org.jvmm.vm.worker.impl.graph.HotSwap} sees it: its control thread, its lock, pause/resume, its bus. */
record VmHooksOf(Vm vm) implements VmHooks {
    @Override
    public void post(String what, Runnable task) {
        vm.post(what, task);
    }

    @Override
    public <T> T locked(java.util.function.Supplier<T> action) {
        return vm.lockedGet(action);
    }

    @Override
    public VmState state() {
        return vm.state();
    }

    @Override
    public void pause() {
        vm.pause();
    }

    @Override
    public void resume() {
        vm.resume();
    }

    @Override
    public ChipsetDevice resolveChipsetDevice(String path, ResourceHandle handle) {
        return vm.parts().hotPlug().resolve(handle, ChipsetDevice.class, path);
    }

    /** Puts {@code fresh} in {@code old}'s place on the bus; null when done, else why not (old stays). */
    @Override
    public String replaceChipsetDevice(ChipsetDevice old, ChipsetDevice fresh) {
        var bus = vm.parts().bus();
        if (!bus.remove(old)) {
            return old.name() + " is not on the bus";
        }
        try {
            bus.add(fresh);
            return null;
        } catch (DeviceConflictException | RuntimeException e) {
            try {
                bus.add(old);
            } catch (DeviceConflictException again) {
                vm.failWith("live update: " + old.name() + " could not be put back: " + again.getMessage());
            }
            return "the new revision does not fit on the bus: " + e.getMessage();
        }
    }
}
