package org.jvmm.hv.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A hypervisor backend (emu, kvm, whp). Registered as the live object behind the resource
 * {@code hypervisor:<name>}; {@link #probe()} says whether it can run here.
 */
@ConsumerType
public interface Hypervisor {
    /** Short backend name as used by {@code --hypervisor}: {@code emu}, {@code kvm}, {@code whp}. */
    String name();

    /** Whether this backend is usable on this host, and if not, why. Cheap and side-effect free. */
    Probe probe();

    /** Creates a partition. Fails with a message naming the failing step (and errno for native calls). */
    Partition createPartition(PartitionConfig config) throws HypervisorException;
}
