package org.jvmm.vm.worker.impl.snapshot;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.vm.worker.SnapshotException;

/**
 * {@code manifest.json}: what a snapshot was taken of. {@link #check} compares it with the VM being
 * restored and names every mismatch.
 */
public record SnapshotManifest(int version, String architecture, long memoryBytes, int processorCount,
        String hypervisor, boolean deterministic) {
    public static final int VERSION = 1;
    public static final String ARCHITECTURE = "x86_64";

    /** Throws one error listing each field of {@code vm} that differs from this manifest. */
    public void check(SnapshotManifest vm) throws SnapshotException {
        List<String> problems = new ArrayList<>();
        if (version != VERSION) {
            problems.add("manifest version " + version + " is not supported (this jvmm reads version " + VERSION + ")");
        }
        if (!ARCHITECTURE.equals(architecture)) {
            problems.add("architecture " + architecture + " does not match this VM's " + vm.architecture());
        }
        if (memoryBytes != vm.memoryBytes()) {
            problems.add("memory size " + memoryBytes + " bytes does not match --memory (" + vm.memoryBytes() + " bytes)");
        }
        if (processorCount != vm.processorCount()) {
            problems.add("VP count " + processorCount + " does not match --processors (" + vm.processorCount() + ")");
        }
        if (!hypervisor.equals(vm.hypervisor())) {
            problems.add("hypervisor " + hypervisor + " does not match this VM's " + vm.hypervisor());
        }
        if (deterministic != vm.deterministic()) {
            problems.add("the snapshot was taken " + (deterministic ? "with" : "without") + " --deterministic");
        }
        if (!problems.isEmpty()) {
            throw new SnapshotException("snapshot manifest: " + String.join("; ", problems));
        }
    }
}
