package org.jvmm.vm.worker.impl.graph;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vm.worker.impl.chipset.ChipsetBus;
import org.jvmm.vm.worker.impl.chipset.DeviceConflictException;
import org.jvmm.vm.worker.impl.chipset.PollLoop;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * PCI functions added and removed while the VM runs, behind PCIe ports with native hot-plug: the
 * function is resolved through the VM's registry, put on the chipset bus (polling, reset,
 * inspect) and attached to the host, which signals the port's presence change to the guest.
 * Removal is orderly: the host presses the slot's attention button and the device leaves once the
 * guest has released it and powered the slot off (or, after {@link #RELEASE_TIMEOUT}, anyway);
 * then it is taken off the chipset bus and closed. The guest needs running processors for that, so
 * wait ({@link #awaitRemoval}) without holding locks the VP threads take.
 */
public final class HotPlug {
    /** How long the guest gets to release a device (Linux's pciehp waits 5 s after the button). */
    public static final Duration RELEASE_TIMEOUT = Duration.ofSeconds(15);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final System.Logger LOG = System.getLogger(HotPlug.class.getName());

    private final ResolverRegistry registry;
    private final Inputs inputs;
    private final ChipsetBus bus;
    private final PollLoop poll;
    private final Duration releaseTimeout;
    private final DeviceTable table;
    private final Map<String, ChipsetDevice> byPort = new ConcurrentHashMap<>();

    /** A removal under way: the device is no longer listed at its port; {@code gone} completes when the host let it go. */
    public record Removal(String port, ChipsetDevice device, PciHost host, CompletableFuture<Void> gone) {
    }

    /** Hot-added devices are recorded in {@code table}. */
    public HotPlug(ResolverRegistry registry, Inputs inputs, ChipsetBus bus, PollLoop poll, DeviceTable table) {
        this(registry, inputs, bus, poll, table, RELEASE_TIMEOUT);
    }

    /** With {@code releaseTimeout} for the guest to release a device before it is pulled out. */
    public HotPlug(ResolverRegistry registry, Inputs inputs, ChipsetBus bus, PollLoop poll, DeviceTable table,
            Duration releaseTimeout) {
        this.registry = registry;
        this.inputs = inputs;
        this.bus = bus;
        this.poll = poll;
        this.table = table;
        this.releaseTimeout = releaseTimeout;
    }

    /** Takes over a function attached behind the hot-plug {@code port} at launch, so that it can be removed. */
    synchronized void adopt(String port, ChipsetDevice device) {
        byPort.put(port, device);
    }

    /** Resolves {@code handle} through the VM's registry and inputs, at {@code path} for errors. */
    public <T> T resolve(ResourceHandle handle, Class<T> type, String path) {
        return BoundedResolve.run(path, () -> registry.resolve(handle, type, inputs, path));
    }

    /** Adds {@code handle} (a {@code pci_device_handle}, or a {@code virtio} one put behind virtio-pci) at {@code port}. */
    public synchronized PciAddress add(String port, ResourceHandle handle) {
        table.atPort(port).filter(d -> d.state() != VmDevice.State.ACTIVE).ifPresent(d -> {
            throw new IllegalArgumentException("port " + port + ": its device " + d.handle().key() + " is "
                    + d.state().label() + " (" + d.note() + "); vm:unplug " + port + " forgets it");
        });
        ResourceHandle function = handle.kind().equals("virtio") ? new VirtioPciHandle(handle) : handle;
        String path = "hotplug[" + port + "]";
        Attached a = attach(port, function, path);
        table.add(new TrackedDevice(path, function, port, "port " + port, true, a.device(), registry));
        return a.address();
    }

    /**
     * Adds at {@code port} again what a VM being rebuilt had there, its handle read again with the
     * handle types active now (vm:restart).
     */
    public PciAddress addAgain(String port, ResourceHandle handle) {
        return add(port, LiveUpdate.reread(handle, registry));
    }

    /** Resolves {@code device}'s handle again and attaches it behind its port; it is active again. */
    synchronized PciAddress readd(TrackedDevice device) {
        Attached a = attach(device.port(), device.handle(), device.path());
        device.noteProviders(registry);
        device.activeAgain(a.device());
        return a.address();
    }

    private record Attached(ChipsetDevice device, PciAddress address) {
    }

    private Attached attach(String port, ResourceHandle function, String path) {
        PciHost host = host();
        if (byPort.containsKey(port)) {
            throw new IllegalArgumentException("port " + port + ": already has a hot-added device");
        }
        ChipsetDevice device = BoundedResolve.run(path, () -> registry.resolve(function, ChipsetDevice.class, inputs,
                path));
        try {
            bus.add(device);
            device.poll().ifPresent(p -> poll.add(device.name(), p));
            PciAddress address = host.attach(PciPlacement.port(port), device);
            byPort.put(port, device);
            return new Attached(device, address);
        } catch (DeviceConflictException | PciAttachException | RuntimeException e) {
            undo(device);
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Removes what {@link #add} put behind {@code port}, waiting (up to the release timeout) for
     * the guest to let it go: {@link #beginRemove}, {@link #awaitRemoval}, {@link #finishRemove}.
     */
    public void remove(String port) {
        Removal removal = beginRemove(port);
        awaitRemoval(removal);
        finishRemove(removal);
    }

    /** The port {@code device} was hot-added behind, if it was. */
    public synchronized java.util.Optional<String> portOf(ChipsetDevice device) {
        return byPort.entrySet().stream().filter(e -> e.getValue() == device).map(java.util.Map.Entry::getKey)
                .findFirst();
    }

    /** Takes the device behind {@code port} out at once (a surprise removal), for {@code why}. */
    public void evict(String port, String why) {
        Removal removal = beginRemove(port);
        forceDetach(removal, why);
        finishRemove(removal);
    }

    /** Asks the host for an orderly removal of the device behind {@code port}; it is no longer listed there. */
    public synchronized Removal beginRemove(String port) {
        ChipsetDevice device = byPort.get(port);
        if (device == null) {
            throw new IllegalArgumentException("port " + port + ": no hot-added device");
        }
        PciHost host = host();
        CompletableFuture<Void> gone;
        try {
            gone = host.requestDetach(device, releaseTimeout);
        } catch (PciAttachException e) {
            byPort.remove(port);
            undo(device);
            throw new IllegalArgumentException("port " + port + ": " + e.getMessage(), e);
        }
        byPort.remove(port);
        return new Removal(port, device, host, gone);
    }

    /**
     * Waits for the host to let the device go: the guest released it and powered the slot off, or
     * the host's timeout removed it by surprise. Should the host not answer within a grace period
     * after that, or the wait be interrupted, the device is detached at once. Holds no lock.
     */
    public void awaitRemoval(Removal removal) {
        try {
            removal.gone().get(releaseTimeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            forceDetach(removal, "the host did not complete the removal in time");
        } catch (ExecutionException e) {
            forceDetach(removal, "the removal failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            forceDetach(removal, "the wait was interrupted");
        }
    }

    /** Takes the removed device off the chipset bus and the poll loop, and closes it. */
    public synchronized void finishRemove(Removal removal) {
        undo(removal.device());
    }

    /**
     * {@code removal}'s future, failing with a {@link TimeoutException} should the host not complete
     * it within the release timeout and a grace period; then {@link #forceDetach} it.
     */
    CompletableFuture<Void> settled(Removal removal) {
        return removal.gone().orTimeout(releaseTimeout.plus(GRACE).toNanos(), TimeUnit.NANOSECONDS);
    }

    void forceDetach(Removal removal, String why) {
        LOG.log(System.Logger.Level.WARNING, "port " + removal.port() + ": " + why + "; detaching "
                + removal.device().name() + " at once");
        try {
            removal.host().detach(removal.device());
        } catch (PciAttachException e) {
            LOG.log(System.Logger.Level.INFO, "port " + removal.port() + ": already gone: " + e.getMessage());
        }
    }

    private void undo(ChipsetDevice device) {
        device.poll().ifPresent(poll::remove);
        bus.remove(device);
        if (device instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                System.getLogger(HotPlug.class.getName()).log(System.Logger.Level.WARNING,
                        "closing the removed device " + device.name() + " failed: " + e);
            }
        }
    }

    private PciHost host() {
        return bus.devices().stream().flatMap(d -> d.pciHost().stream()).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("the VM has no PCI host (--pcie-root-complex)"));
    }
}
