package org.jvmm.vm.worker.impl.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Live device update: a device that cannot be unplugged, whose provider bundle came back (restarted,
 * or a new revision after an OSGi {@code update}), is swapped for an instance from the returned
 * provider while the VM is paused: the old instance saves its state (a virtio device first lets its requests in flight
 * finish), the handle is read again with the new revision's handle types and resolved, the new
 * instance restores the state and takes the old one's place on the bus. When the new code cannot
 * read the state, or any step fails, the new instance is closed and the old one goes on.
 */
final class LiveUpdate {

    /** What happened: {@code swapped} with the new instance, or kept the old one for {@code reason}. */
    record Outcome(ChipsetDevice swapped, String reason) {
        boolean done() {
            return swapped != null;
        }
    }

    private LiveUpdate() {
    }

    static Outcome swap(TrackedDevice d, ResolverRegistry registry, VmHooks vm) {
        ChipsetDevice old = d.device();
        Optional<StateUnit> oldUnit = old.state();
        if (oldUnit.isEmpty()) {
            return new Outcome(null, old.name() + " offers no state unit");
        }
        byte[] state;
        try {
            state = oldUnit.get().save();
        } catch (RuntimeException e) {
            return new Outcome(null, "saving " + old.name() + " failed: " + e.getMessage());
        }
        ChipsetDevice fresh;
        try {
            fresh = vm.resolveChipsetDevice(d.path(), reread(d.handle(), registry));
        } catch (RuntimeException e) {
            return new Outcome(null, "the new revision does not resolve it: " + e.getMessage());
        }
        String refused = restore(fresh, oldUnit.get(), state);
        if (refused == null) {
            refused = vm.replaceChipsetDevice(old, fresh);
        }
        if (refused != null) {
            close(fresh);
            return new Outcome(null, refused);
        }
        close(old);
        return new Outcome(fresh, "");
    }

    /** Restores {@code state} into {@code fresh}; null when it took it, else why not. */
    private static String restore(ChipsetDevice fresh, StateUnit old, byte[] state) {
        Optional<StateUnit> unit = fresh.state();
        if (unit.isEmpty()) {
            return "the new revision of " + fresh.name() + " offers no state unit";
        }
        if (!unit.get().unitName().equals(old.unitName())) {
            return "the new revision saves " + unit.get().unitName() + ", not " + old.unitName();
        }
        try {
            unit.get().restore(old.version(), state);
            return null;
        } catch (StateUnitException | RuntimeException e) {
            return "the new revision refused the state: " + e.getMessage();
        }
    }

    /**
     * {@code handle} read again through the registry's current handle types (a new revision's classes
     * when its handle package was not substituted by the old one's).
     */
    static ResourceHandle reread(ResourceHandle handle, ResolverRegistry registry) {
        try {
            var mapper = HandleJson.mapper();
            return HandleJson.reader(mapper, registry.handleTypes()).forType(ResourceHandle.class)
                    .readValue(mapper.writeValueAsString(handle));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("its handle does not read with the new handle types: "
                    + e.getOriginalMessage(), e);
        }
    }

    private static void close(ChipsetDevice device) {
        if (device instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(LiveUpdate.class.getName()).log(System.Logger.Level.WARNING,
                        "closing " + device.name() + " failed", e);
            }
        }
    }
}
