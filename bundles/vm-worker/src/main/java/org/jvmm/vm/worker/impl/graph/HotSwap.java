package org.jvmm.vm.worker.impl.graph;

import java.lang.System.Logger.Level;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.vm.worker.IllegalVmStateException;
import org.jvmm.vm.worker.VmDevice.State;
import org.jvmm.vm.worker.VmState;
import org.jvmm.vmm.resource.Registration;
import org.jvmm.vmm.resource.ResolverInfo;
import org.jvmm.vmm.resource.ResolverListener;
import org.jvmm.vmm.resource.ResolverRegistry;

/**
 * Devices whose provider bundles come and go under the running VM. When a resolver that produced
 * a live device goes away (its bundle stopped, updated or uninstalled), a hot-pluggable device is
 * removed the way the guest expects (the PCIe attention button, the guest powers the slot off)
 * and the VM keeps running; once every resolver it needs is back, the same handle is resolved
 * again and hot-added at the same port. A device that cannot be unplugged pauses the VM until its
 * providers are back; then a device with a state unit is swapped for a new instance that takes
 * over its state ({@link LiveUpdate}), one without goes on with its running instance, and the VM
 * resumes.
 *
 * <p>Registry callbacks come on the thread that changed the registry (an OSGi thread, holding the
 * registry's lock): they only post work to the VM's control thread.
 */
public final class HotSwap implements ResolverListener, AutoCloseable {
    private static final System.Logger LOG = System.getLogger(HotSwap.class.getName());

    private final ResolverRegistry registry;
    private final DeviceTable table;
    private final HotPlug hotPlug;
    private final VmHooks vm;
    private volatile Registration listening;
    private volatile String pausedFor;
    private volatile boolean pausedByUs;

    public HotSwap(ResolverRegistry registry, DeviceTable table, HotPlug hotPlug, VmHooks vm) {
        this.registry = registry;
        this.table = table;
        this.hotPlug = hotPlug;
        this.vm = vm;
    }

    /** Listens to the registry, and deals with any provider that went away since the devices were resolved. */
    public void start() {
        listening = registry.addListener(this);
        vm.post("device provider check", this::sweep);
    }

    @Override
    public void close() {
        Registration r = listening;
        if (r != null) {
            r.close();
        }
    }

    /** Why the VM is paused for a missing provider, if it is. */
    public Optional<String> pauseReason() {
        return Optional.ofNullable(pausedFor);
    }

    @Override
    public void resolverRemoved(ResolverInfo info) {
        if (table.anyUsing(info.key())) {
            vm.post(info.key() + " went away", () -> gone(info.key(), info.bundleSymbolicName()));
        }
    }

    @Override
    public void resolverAdded(ResolverInfo info) {
        if (table.anyUsing(info.key())) {
            vm.post(info.key() + " returned", this::returned);
        }
    }

    private void sweep() {
        for (TrackedDevice d : table.devices()) {
            d.missingProvider(registry).ifPresent(key -> gone(key, d.bundleOf(key)));
        }
    }

    /** The resolver {@code key} of {@code bundle} is gone: every active device that it provided leaves or waits. */
    private void gone(String key, String bundle) {
        if (ended()) {
            return;
        }
        String what = key + " (bundle " + bundle + ") went away";
        for (TrackedDevice d : table.using(key, State.ACTIVE)) {
            if (!d.bundleOf(key).equals(bundle)) {
                continue; // another provider of the same kind:id went away, not the one that made this device
            }
            if (d.hotPluggable()) {
                remove(d, what);
            } else {
                waitFor(d, what);
            }
        }
    }

    private void remove(TrackedDevice d, String what) {
        d.moveTo(State.REMOVING, what);
        table.event(what + ": removing the device behind " + d.port() + " (the guest is asked to release it)");
        HotPlug.Removal removal;
        try {
            removal = vm.locked(() -> hotPlug.beginRemove(d.port()));
        } catch (IllegalArgumentException e) {
            d.moveTo(State.REMOVED, what);
            table.event(what + ": " + e.getMessage() + "; the device behind " + d.port() + " is removed;"
                    + " it comes back when the bundle returns");
            return;
        }
        hotPlug.settled(removal).whenComplete((v, error) ->
                vm.post("removal behind " + d.port(), () -> removed(d, removal, error, what)));
    }

    private void removed(TrackedDevice d, HotPlug.Removal removal, Throwable error, String what) {
        if (error != null) {
            hotPlug.forceDetach(removal, error instanceof TimeoutException
                    ? "the host did not complete the removal in time" : "the removal failed: " + error);
        }
        vm.locked(() -> {
            hotPlug.finishRemove(removal);
            return null;
        });
        table.event(what + ": removed the device behind " + d.port() + "; it comes back when the bundle returns");
        d.moveTo(State.REMOVED, what);
        returned();
    }

    private void waitFor(TrackedDevice d, String what) {
        String reason = what + ": " + d.path() + " (" + d.handle().key() + ") cannot be unplugged;"
                + " the VM is paused until the bundle returns";
        d.moveTo(State.WAITING_FOR_PROVIDER, what);
        table.event(reason);
        if (pausedFor == null) {
            pausedFor = reason;
        }
        if (vm.state() == VmState.RUNNING) {
            try {
                vm.pause();
                pausedByUs = true;
            } catch (IllegalVmStateException e) {
                LOG.log(Level.WARNING, "cannot pause for " + d.path() + ": " + e.getMessage());
            }
        }
    }

    /** Brings back every device whose providers are all registered again; resumes the VM when none waits. */
    private void returned() {
        if (ended()) {
            return;
        }
        for (TrackedDevice d : table.devices()) {
            if (d.state() == State.REMOVED && d.missingProvider(registry).isEmpty()) {
                readd(d);
            } else if (d.state() == State.WAITING_FOR_PROVIDER && d.missingProvider(registry).isEmpty()) {
                providersBack(d);
            }
        }
        if (pausedFor != null && !table.anyIn(State.WAITING_FOR_PROVIDER)) {
            pausedFor = null;
            if (pausedByUs && vm.state() == VmState.PAUSED) {
                vm.resume();
                table.event("every device provider is back: VM resumed");
            }
            pausedByUs = false;
        }
    }

    /**
     * A paused device's providers are back: a device with a state unit gets a live update (an instance
     * from the returned provider takes over its state), one without goes on with its running instance.
     */
    private void providersBack(TrackedDevice d) {
        String what = d.path() + " (" + d.handle().key() + ")";
        ChipsetDevice running = d.device();
        if (running.state().isPresent()) {
            LiveUpdate.Outcome o = vm.locked(() -> LiveUpdate.swap(d, registry, vm));
            if (o.done()) {
                d.noteProviders(registry);
                d.activeAgain(o.swapped());
                table.event(what + ": live update: the new revision took over its state");
                return;
            }
            table.event(what + ": live update refused (" + o.reason() + "); the old revision goes on");
        } else {
            table.event(what + ": its providers are back; it goes on with its running instance");
        }
        d.noteProviders(registry);
        d.activeAgain(running);
    }

    private void readd(TrackedDevice d) {
        try {
            PciAddress address = vm.locked(() -> hotPlug.readd(d));
            table.event(d.handle().key() + " is back: added the device behind " + d.port() + " again at " + address);
        } catch (IllegalArgumentException e) {
            d.moveTo(State.REMOVED, "adding it again failed: " + e.getMessage());
            table.event(d.path() + ": adding the device behind " + d.port() + " again failed: " + e.getMessage());
        }
    }

    private boolean ended() {
        VmState s = vm.state();
        return s == VmState.STOPPED || s == VmState.STOPPING;
    }
}
