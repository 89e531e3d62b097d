package org.jvmm.vm.worker.impl;

import static org.jvmm.vm.worker.VmState.STOPPED;
import static org.jvmm.vm.worker.VmState.STOPPING;

import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.graph.HotPlug;
import org.jvmm.vm.worker.impl.graph.TrackedDevice;
import org.jvmm.vm.worker.impl.lifecycle.VmStateCell;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Access to a {@link Vm}'s devices and RAM from outside the guest: resolving a resource, adding and
 * removing PCI devices at run time, reading and writing guest memory. Each step holds the VM's lock
 * and is refused once the VM is stopping or stopped.
 */
final class VmDeviceOps {
    private final Vm vm;
    private final ReentrantLock lock;
    private final VmStateCell state;
    /** The guest RAM, which a restart keeps. */
    private final GuestMemoryAccess memory;

    VmDeviceOps(Vm vm, ReentrantLock lock, VmStateCell state, GuestMemoryAccess memory) {
        this.vm = vm;
        this.lock = lock;
        this.state = state;
        this.memory = memory;
    }

    <T> T resolve(ResourceHandle handle, Class<T> type) {
        return locked(() -> {
            requireNotStopped("resolve " + handle.key());
            return vm.parts().hotPlug().resolve(handle, type, "runtime");
        });
    }

    String addPciDevice(String port, ResourceHandle device) {
        return locked(() -> {
            requireNotStopped("add a PCI device");
            return vm.parts().hotPlug().add(port, device).toString();
        });
    }

    /**
     * The guest releases the device while the VM lock is free (its processors must run, and may
     * need the lock, e.g. to reset the VM); the device leaves the chipset under the lock again.
     */
    void removePciDevice(String port) {
        HotPlug.Removal removal = locked(() -> beginRemove(port));
        if (removal == null) {
            return;
        }
        vm.parts().hotPlug().awaitRemoval(removal);
        locked(() -> {
            vm.parts().hotPlug().finishRemove(removal);
            vm.parts().devices().forget(port);
            return null;
        });
    }

    /** Starts removing the device at {@code port}; null when it was removed already (it is forgotten). */
    private HotPlug.Removal beginRemove(String port) {
        requireNotStopped("remove a PCI device");
        VmParts parts = vm.parts();
        Optional<TrackedDevice> tracked = parts.devices().atPort(port);
        VmDevice.State s = tracked.map(TrackedDevice::state).orElse(VmDevice.State.ACTIVE);
        if (s == VmDevice.State.REMOVING) {
            throw new IllegalArgumentException("port " + port + ": its device is being removed already ("
                    + tracked.get().note() + ")");
        }
        if (s == VmDevice.State.REMOVED) {
            parts.devices().forget(port);
            return null;
        }
        return parts.hotPlug().beginRemove(port);
    }

    byte[] readMemory(long gpa, int len) {
        return locked(() -> {
            requireNotStopped("read memory");
            return memory.read(gpa, len);
        });
    }

    void writeMemory(long gpa, byte[] data) {
        locked(() -> {
            requireNotStopped("write memory");
            memory.write(gpa, data);
            return null;
        });
    }

    private void requireNotStopped(String operation) {
        VmState s = state.get();
        if (s == STOPPED || s == STOPPING) {
            throw new IllegalVmStateException(operation, s);
        }
    }

    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }
}
