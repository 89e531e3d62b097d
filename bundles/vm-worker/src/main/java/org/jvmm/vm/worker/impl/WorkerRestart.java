package org.jvmm.vm.worker.impl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.impl.graph.TrackedDevice;
import org.jvmm.vm.worker.impl.snapshot.SavedUnit;
import org.jvmm.vm.worker.impl.snapshot.SnapshotManifest;
import org.jvmm.vm.worker.impl.snapshot.Snapshots;

/**
 * OpenVMM's {@code restart}, inside one process: the paused VM's state units are saved in memory, its
 * processors, partition and devices are closed, and every part is resolved and built again through the
 * registry as it is now (so updated or replaced hypervisor, chipset and device bundles take over), around
 * the same guest RAM; devices hot-added at run time are added again behind their ports; then every unit
 * is restored. A failure after the old parts are gone writes the saved state and RAM to a snapshot folder
 * so that nothing is lost.
 */
final class WorkerRestart {
    private final VmParts old;
    private final List<TrackedDevice> hotAdded;
    private List<SavedUnit> units;

    private WorkerRestart(VmParts old, List<TrackedDevice> hotAdded) {
        this.old = old;
        this.hotAdded = hotAdded;
    }

    /**
     * A restart of {@code old}.
     *
     * @throws SnapshotException when a device's provider is away (the VM waits for it, or the device
     *                           was hot-removed with it), which a restart would not find either
     */
    static WorkerRestart of(VmParts old) throws SnapshotException {
        for (TrackedDevice d : old.devices().devices()) {
            if (d.state() != VmDevice.State.ACTIVE) {
                throw new SnapshotException("cannot restart the worker while " + d.handle().key() + " at " + d.path()
                        + " is " + d.state().label() + " (" + d.note() + ")");
            }
        }
        List<TrackedDevice> hotAdded = old.devices().devices().stream()
                .filter(d -> d.port() != null && d.path().startsWith("hotplug[")).toList();
        return new WorkerRestart(old, hotAdded);
    }

    /** Saves every state unit of the paused VM; nothing is changed yet. */
    void save() throws SnapshotException {
        units = Snapshots.saveUnits(old.partition(), old.bus().devices());
    }

    /**
     * Builds the VM again through {@code launcher}, re-adds the hot-added devices and restores every
     * unit. On failure closes what it built (never the RAM) and throws naming the step.
     */
    VmParts rebuild(VmLauncher launcher) throws SnapshotException {
        VmParts fresh;
        try {
            fresh = launcher.rebuild(old.name(), old.config(), old.memory());
        } catch (VmLaunchException e) {
            throw new SnapshotException("building the VM again failed: " + e.getMessage(), e);
        }
        try {
            Map<String, String> renamed = new HashMap<>();
            for (TrackedDevice d : hotAdded) {
                fresh.hotPlug().addAgain(d.port(), d.handle());
                fresh.devices().atPort(d.port()).ifPresent(n -> renamed.put(owner(d), owner(n)));
            }
            Map<String, SavedUnit> byOwner = new HashMap<>();
            for (SavedUnit u : units) {
                String owner = renamed.getOrDefault(u.owner(), u.owner());
                byOwner.put(owner, new SavedUnit(owner, u.unit(), u.version(), u.data()));
            }
            Snapshots.restoreUnits(byOwner, fresh.partition(), fresh.bus().devices());
            return fresh;
        } catch (SnapshotException | RuntimeException e) {
            closeQuietly(fresh, e);
            throw e instanceof SnapshotException s ? s
                    : new SnapshotException("restoring into the rebuilt VM failed: " + e.getMessage(), e);
        }
    }

    /** The owner of {@code d}'s state unit (a hot-added device may get another name when added again). */
    private static String owner(TrackedDevice d) {
        return "device/" + d.device().name();
    }

    /** Writes the saved units and the RAM to a new folder, for {@code --restore-snapshot}; returns where. */
    String rescue(SnapshotManifest manifest) {
        try {
            Path dir = Files.createTempDirectory("jvmm-restart-");
            Snapshots.write(dir, manifest, units, old.memory().segment());
            return "the VM's state is saved in " + dir + " (--restore-snapshot " + dir + " continues it)";
        } catch (IOException | SnapshotException e) {
            return "its state could not be saved either: " + e.getMessage();
        }
    }

    /** Closes what a failed rebuild built (devices, partition, registry; never the RAM). */
    private static void closeQuietly(VmParts fresh, Exception cause) {
        String problems = new PartsCloser(fresh).closeParts(List.of(), () -> { }, Vm.TIMEOUT).problems();
        if (!problems.isEmpty()) {
            cause.addSuppressed(new IllegalStateException(problems));
        }
    }
}
