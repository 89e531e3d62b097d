package org.jvmm.vm.worker.impl.graph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.vm.config.VirtioPciHandle;
import org.jvmm.vm.worker.impl.chipset.ChipsetBus;
import org.jvmm.vm.worker.impl.chipset.DeviceConflictException;
import org.jvmm.vm.worker.impl.chipset.PollLoop;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * PCI functions added and removed while the VM runs, behind PCIe ports with native hot-plug: the
 * function is resolved through the VM's registry, put on the chipset bus (polling, reset,
 * inspect) and attached to the host, which signals the port's presence change to the guest;
 * removal undoes it in reverse and closes the device.
 */
public final class HotPlug {
    private final ResolverRegistry registry;
    private final Inputs inputs;
    private final ChipsetBus bus;
    private final PollLoop poll;
    private final Map<String, ChipsetDevice> byPort = new ConcurrentHashMap<>();

    public HotPlug(ResolverRegistry registry, Inputs inputs, ChipsetBus bus, PollLoop poll) {
        this.registry = registry;
        this.inputs = inputs;
        this.bus = bus;
        this.poll = poll;
    }

    /** Adds {@code handle} (a {@code pci_device_handle}, or a {@code virtio} one put behind virtio-pci) at {@code port}. */
    public synchronized PciAddress add(String port, ResourceHandle handle) {
        PciHost host = host();
        if (byPort.containsKey(port)) {
            throw new IllegalArgumentException("port " + port + ": already has a hot-added device");
        }
        ResourceHandle function = handle.kind().equals("virtio") ? new VirtioPciHandle(handle) : handle;
        String path = "hotplug[" + port + "]";
        ChipsetDevice device;
        try {
            device = registry.resolve(function, ChipsetDevice.class, inputs, path);
        } catch (ResolveException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        try {
            bus.add(device);
            device.poll().ifPresent(p -> poll.add(device.name(), p));
            PciAddress address = host.attach(PciPlacement.port(port), device);
            byPort.put(port, device);
            return address;
        } catch (DeviceConflictException | PciAttachException | RuntimeException e) {
            undo(device);
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
    }

    /** Removes what {@link #add} put behind {@code port}. */
    public synchronized void remove(String port) {
        ChipsetDevice device = byPort.remove(port);
        if (device == null) {
            throw new IllegalArgumentException("port " + port + ": no hot-added device");
        }
        try {
            host().detach(device);
        } catch (PciAttachException e) {
            throw new IllegalArgumentException("port " + port + ": " + e.getMessage(), e);
        } finally {
            undo(device);
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
