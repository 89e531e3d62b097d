package org.jvmm.vm.worker.impl.snapshot;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.vm.worker.SnapshotException;

/**
 * Writes and reads a snapshot folder: {@code manifest.json}, {@code state.json} (one {@link SavedUnit}
 * per processor, the partition and each chipset device) and {@code memory.bin}. Callers hold the VM
 * paused. Every device must offer a {@link StateUnit}; the first that does not is named in the error.
 */
public final class Snapshots {
    static final String MANIFEST = "manifest.json", STATE = "state.json", MEMORY = "memory.bin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private Snapshots() {
    }

    public static void save(Path dir, SnapshotManifest manifest, Partition partition, List<ChipsetDevice> devices,
            MemorySegment ram) throws SnapshotException {
        write(dir, manifest, saveUnits(partition, devices), ram);
    }

    /** Writes {@code units} and {@code ram} as a snapshot folder {@code dir}. */
    public static void write(Path dir, SnapshotManifest manifest, List<SavedUnit> units, MemorySegment ram)
            throws SnapshotException {
        try {
            Files.createDirectories(dir);
            MemoryImage.write(ram, dir.resolve(MEMORY));
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(STATE).toFile(), units);
            JSON.writerWithDefaultPrettyPrinter().writeValue(dir.resolve(MANIFEST).toFile(), manifest);
        } catch (IOException e) {
            throw new SnapshotException("cannot write the snapshot to " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * OpenVMM's pulse-save-restore: saves every state unit and restores it into the same devices and
     * processors at once (RAM stays as it is), which proves each unit can read what it wrote.
     */
    public static void pulse(Partition partition, List<ChipsetDevice> devices) throws SnapshotException {
        Map<String, SavedUnit> units = new HashMap<>();
        for (SavedUnit u : saveUnits(partition, devices)) {
            units.put(u.owner(), u);
        }
        restoreUnits(units, partition, devices);
    }

    /** Every device's, processor's and the partition's state, in that order. */
    public static List<SavedUnit> saveUnits(Partition partition, List<ChipsetDevice> devices) throws SnapshotException {
        List<SavedUnit> units = new ArrayList<>();
        for (ChipsetDevice d : devices) {
            StateUnit u = d.state().orElseThrow(() -> new SnapshotException("device " + d.name()
                    + " cannot save its state (it offers no state unit); snapshots of this VM are not possible yet"));
            try {
                units.add(new SavedUnit("device/" + d.name(), u.unitName(), u.version(), u.save()));
            } catch (RuntimeException e) {
                // a device that cannot save now (requests still running, files open) refuses with a reason
                throw new SnapshotException("device " + d.name() + " cannot save its state: " + e.getMessage(), e);
            }
        }
        try {
            for (int i = 0; i < partition.processorCount(); i++) {
                units.add(backend("vp/" + i, partition.processor(i).saveState()));
            }
            units.add(backend("partition", partition.saveState()));
        } catch (HypervisorException e) {
            throw new SnapshotException("cannot save processor state: " + e.getMessage(), e);
        }
        return units;
    }

    public static void restore(Path dir, SnapshotManifest vm, Partition partition, List<ChipsetDevice> devices,
            MemorySegment ram) throws SnapshotException {
        Map<String, SavedUnit> units = new HashMap<>();
        try {
            JSON.readValue(dir.resolve(MANIFEST).toFile(), SnapshotManifest.class).check(vm);
            for (SavedUnit u : JSON.readValue(dir.resolve(STATE).toFile(), new TypeReference<List<SavedUnit>>() { })) {
                units.put(u.owner(), u);
            }
            MemoryImage.read(dir.resolve(MEMORY), ram);
        } catch (IOException e) {
            throw new SnapshotException("cannot read the snapshot in " + dir + ": " + e.getMessage(), e);
        }
        restoreUnits(units, partition, devices);
    }

    /**
     * Restores the partition, each device and each processor from {@code units}, which it empties. The
     * partition goes first: it holds guest time, and devices with timers (PIT, PM timer, RTC) continue
     * their saved time base from the clock as it reads when they are restored.
     */
    public static void restoreUnits(Map<String, SavedUnit> units, Partition partition, List<ChipsetDevice> devices)
            throws SnapshotException {
        try {
            partition.restoreState(backend(take(units, "partition")));
        } catch (HypervisorException e) {
            throw new SnapshotException("cannot restore the partition's state: " + e.getMessage(), e);
        }
        for (ChipsetDevice d : devices) {
            SavedUnit saved = take(units, "device/" + d.name());
            StateUnit u = d.state().orElseThrow(() -> new SnapshotException("device " + d.name()
                    + " cannot restore its state (it offers no state unit)"));
            if (!u.unitName().equals(saved.unit())) {
                throw new SnapshotException("device " + d.name() + ": the snapshot holds unit " + saved.unit()
                        + ", this device reads " + u.unitName());
            }
            try {
                u.restore(saved.version(), saved.data());
            } catch (StateUnitException e) {
                throw new SnapshotException("device " + d.name() + ": " + e.getMessage(), e);
            }
        }
        try {
            for (int i = 0; i < partition.processorCount(); i++) {
                partition.processor(i).restoreState(backend(take(units, "vp/" + i)));
            }
        } catch (HypervisorException e) {
            throw new SnapshotException("cannot restore processor state: " + e.getMessage(), e);
        }
        if (!units.isEmpty()) {
            throw new SnapshotException("the snapshot has state for " + units.keySet().stream().sorted().toList()
                    + ", which this VM does not have: start it with the same device options");
        }
    }

    private static SavedUnit take(Map<String, SavedUnit> units, String owner) throws SnapshotException {
        SavedUnit u = units.remove(owner);
        if (u == null) {
            throw new SnapshotException("the snapshot has no state for " + owner
                    + ": start the VM with the same device options as when it was saved");
        }
        return u;
    }

    private static SavedUnit backend(String owner, SavedBackendState s) {
        return new SavedUnit(owner, s.backend(), s.version(), s.data());
    }

    private static SavedBackendState backend(SavedUnit u) {
        return new SavedBackendState(u.unit(), u.version(), u.data());
    }
}
