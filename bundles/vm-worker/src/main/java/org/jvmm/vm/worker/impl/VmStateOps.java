package org.jvmm.vm.worker.impl;

import static org.jvmm.vm.worker.VmState.FAILED;
import static org.jvmm.vm.worker.VmState.PAUSED;
import static org.jvmm.vm.worker.VmState.RUNNING;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.util.concurrent.locks.ReentrantLock;
import org.jvmm.guestmem.RamRange;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vm.worker.impl.lifecycle.VmStateCell;
import org.jvmm.vm.worker.impl.snapshot.SnapshotManifest;
import org.jvmm.vm.worker.impl.snapshot.Snapshots;

/**
 * The operations on a {@link Vm}'s saved state: pulse save/restore, saving and restoring a snapshot,
 * and the worker restart (save, close the parts, build them again through the {@link VmLauncher},
 * restore). Each runs under the VM's lock and pauses a running VM first ({@link #pauseFor}); the VM
 * owns the lifecycle steps they use (pause, resume, dismantle, start again).
 */
final class VmStateOps {
    private static final System.Logger LOG = System.getLogger(Vm.class.getName());

    private final Vm vm;
    private final ReentrantLock lock;
    private final VmStateCell state;
    private final VmLauncher launcher;

    VmStateOps(Vm vm, ReentrantLock lock, VmStateCell state, VmLauncher launcher) {
        this.vm = vm;
        this.lock = lock;
        this.state = state;
        this.launcher = launcher;
    }

    /** Saves every state unit and restores it at once; a VM that was running runs on. */
    void pulseSaveRestore() throws SnapshotException {
        lock.lock();
        try {
            VmState s = pauseFor("pulse save/restore");
            Snapshots.pulse(vm.parts().partition(), vm.parts().bus().devices());
            if (s == RUNNING) {
                vm.resume();
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Pauses, saves every state unit, closes processors, partition and devices, builds them again
     * through the registry as it is now around the same RAM and restores them ({@link WorkerRestart});
     * a VM that was running runs on. A refusal before anything closed leaves the VM as it was.
     */
    void restart() throws SnapshotException {
        lock.lock();
        try {
            if (state.get() != RUNNING && state.get() != PAUSED) {
                throw new IllegalVmStateException("restart the worker", state.get());
            }
            WorkerRestart restart = WorkerRestart.of(vm.parts());
            VmState s = pauseFor("restart the worker");
            try {
                restart.save();
            } catch (SnapshotException e) {
                if (s == RUNNING) {
                    vm.resume();
                }
                throw e;
            }
            rebuildFrom(restart, s);
        } finally {
            lock.unlock();
        }
    }

    private void rebuildFrom(WorkerRestart restart, VmState was) throws SnapshotException {
        long t0 = System.nanoTime();
        String problems = vm.dismantle();
        VmParts fresh;
        try {
            if (!problems.isEmpty()) {
                throw new SnapshotException("closing the old parts failed: " + problems);
            }
            fresh = restart.rebuild(launcher);
        } catch (SnapshotException e) {
            vm.markDismantled();
            String why = "restart failed: " + e.getMessage() + "; " + restart.rescue(manifest());
            LOG.log(Level.ERROR, vm.parts().name() + ": " + why);
            state.moveTo(FAILED, why);
            throw new SnapshotException(why, e);
        }
        vm.startAgain(fresh);
        fresh.devices().event("the worker restarted in " + (System.nanoTime() - t0) / 1_000_000 + " ms: every part"
                + " was built again by the providers active now and took its state over");
        if (was == RUNNING) {
            vm.runAll();
            state.moveTo(RUNNING);
        }
    }

    /** Pauses (a running VM stays paused afterwards, as in OpenVMM) and writes the snapshot. */
    void saveSnapshot(Path dir) throws SnapshotException {
        lock.lock();
        try {
            pauseFor("save a snapshot");
            VmParts p = vm.parts();
            Snapshots.save(dir, manifest(), p.partition(), p.bus().devices(), p.memory().segment());
        } finally {
            lock.unlock();
        }
    }

    /** Only before {@link Vm#start()}: the restored state replaces what the loader put in place. */
    void restoreSnapshot(Path dir) throws SnapshotException {
        lock.lock();
        try {
            if (state.get() != VmState.CREATED) {
                throw new IllegalVmStateException("restore a snapshot", state.get());
            }
            VmParts p = vm.parts();
            Snapshots.restore(dir, manifest(), p.partition(), p.bus().devices(), p.memory().segment());
            // RAM was read behind the processors' backs: code they decoded from it is stale.
            for (RamRange r : p.memory().layout().ranges()) {
                p.memory().written(r.gpa(), r.size());
            }
        } finally {
            lock.unlock();
        }
    }

    private SnapshotManifest manifest() {
        VmParts p = vm.parts();
        return new SnapshotManifest(SnapshotManifest.VERSION, SnapshotManifest.ARCHITECTURE, p.memory().ramSize(),
                p.partition().processorCount(), p.hypervisor().name(), p.config().deterministic());
    }

    /**
     * For an operation on a running or paused VM's state (caller holds the lock): pauses a running
     * VM; returns the state it was in.
     *
     * @throws IllegalVmStateException in any other state
     */
    private VmState pauseFor(String operation) {
        VmState s = state.get();
        if (s != RUNNING && s != PAUSED) {
            throw new IllegalVmStateException(operation, s);
        }
        if (s == RUNNING) {
            vm.pause();
        }
        return s;
    }
}
