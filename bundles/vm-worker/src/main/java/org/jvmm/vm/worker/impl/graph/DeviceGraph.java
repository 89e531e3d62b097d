package org.jvmm.vm.worker.impl.graph;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.PciAttachException;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.vm.config.DiskConfig;
import org.jvmm.vm.config.NicConfig;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.impl.chipset.ChipsetBus;
import org.jvmm.vm.worker.impl.chipset.DeviceConflictException;
import org.jvmm.vm.worker.impl.chipset.PollLoop;
import org.jvmm.vm.worker.impl.hypervisor.DefaultHandles;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceKinds;

/**
 * Resolves the devices of a config through a VM's registry and attaches them. A serial port
 * becomes the handle {@code chipset_device_handle:serial_16550} built from the resolver's own
 * record with the components {@code name} ({@code com1}..{@code com4}), the PC's standard
 * {@code port} and {@code irq} for that COM port, and {@code backend} (the port's
 * {@code serial_handle}). Every attached device is recorded in the VM's {@link DeviceTable}; a PCI
 * function behind a port with native hot-plug is handed to {@link HotPlug} so that it can leave.
 */
public final class DeviceGraph {
    public static final String SERIAL_ID = "serial_16550";
    /** Standard PC I/O bases and ISA IRQs of COM1..COM4. */
    private static final int[] COM_PORTS = {0x3F8, 0x2F8, 0x3E8, 0x2E8};
    private static final int[] COM_IRQS = {4, 3, 4, 3};
    private static final System.Logger LOG = System.getLogger(DeviceGraph.class.getName());

    private final ResolverRegistry registry;
    private final Inputs inputs;
    private final ChipsetBus bus;
    private final PollLoop poll;
    private final DeviceTable table;
    private final HotPlug hotPlug;

    public DeviceGraph(ResolverRegistry registry, Inputs inputs, ChipsetBus bus, PollLoop poll, DeviceTable table,
            HotPlug hotPlug) {
        this.registry = registry;
        this.inputs = inputs;
        this.bus = bus;
        this.poll = poll;
        this.table = table;
        this.hotPlug = hotPlug;
    }

    public void resolve(VmConfig config) throws VmLaunchException {
        try {
            chipset(config);
            Optional<PciHost> host = bus.devices().stream().flatMap(d -> d.pciHost().stream()).findFirst();
            virtioMmio(config, host.isPresent());
            pci(config, host);
            unattachable("disks", config.disks().stream().map(DiskConfig::disk).toList(),
                    "attaching disks to a storage controller", ".disk");
            unattachable("nics", config.nics().stream().map(NicConfig::endpoint).toList(),
                    "attaching network adapters (virtio-net)", ".endpoint");
        } catch (ResolveException e) {
            throw new VmLaunchException(e.getMessage(), e);
        }
    }

    private void chipset(VmConfig config) throws ResolveException, VmLaunchException {
        for (SerialPortConfig port : config.serial()) {
            String path = "serial[" + port.index() + "]";
            ResourceHandle handle = DefaultHandles.build(registry, ResourceKinds.CHIPSET_DEVICE_HANDLE, SERIAL_ID,
                    path, Map.of("name", "com" + (port.index() + 1), "port", COM_PORTS[port.index()],
                            "irq", COM_IRQS[port.index()], "backend", port.backend()));
            fixed(handle, path, "chipset");
        }
        List<ResourceHandle> devices = config.chipsetDevices();
        for (int i = 0; i < devices.size(); i++) {
            fixed(devices.get(i), "chipsetDevices[" + i + "]", "chipset");
        }
    }

    /** The virtio devices on the mmio bus, each behind a {@code chipset_device_handle:virtio_mmio}. */
    private void virtioMmio(VmConfig config, boolean pciHost) throws ResolveException, VmLaunchException {
        for (VirtioPlacement.Placed p : VirtioPlacement.mmio(config.virtioDevices(), pciHost)) {
            fixed(p.handle(), p.path(), String.format("mmio 0x%x", p.handle().base()));
        }
    }

    /** Resolves and attaches a device that cannot be unplugged, and records it. */
    private void fixed(ResourceHandle handle, String path, String place) throws ResolveException, VmLaunchException {
        ChipsetDevice device = registry.resolve(handle, ChipsetDevice.class, inputs, path);
        attach(device, path);
        table.add(new TrackedDevice(path, handle, null, place, false, device, registry));
    }

    /**
     * The PCI functions: the virtio devices on {@code pci} ({@code auto} too when there is a host),
     * each behind a {@code pci_device_handle:virtio_pci}, then {@code pciDevices}; each is resolved,
     * added to the chipset (reset, polling, inspect) and attached to the host: behind its PCIe port,
     * or on the root bus.
     */
    private void pci(VmConfig config, Optional<PciHost> host) throws ResolveException, VmLaunchException {
        List<PciPlacementPlan.Entry> entries = PciPlacementPlan.entries(config, host.isPresent());
        if (!entries.isEmpty() && host.isEmpty()) {
            throw new VmLaunchException(entries.getFirst().path() + ": needs a PCI host: add --pcie-root-complex"
                    + " (chipset_device_handle:pcie_root_complex from bundle pci)");
        }
        for (PciPlacementPlan.Entry e : entries) {
            ChipsetDevice device = registry.resolve(e.handle(), ChipsetDevice.class, inputs, e.path());
            attach(device, e.path());
            try {
                host.orElseThrow().attach(e.placement(), device);
            } catch (PciAttachException ex) {
                throw new VmLaunchException(e.path() + ": " + ex.getMessage(), ex);
            }
            String port = e.placement().port();
            boolean hotPluggable = port != null && hotPlugPort(host.orElseThrow(), port);
            if (hotPluggable) {
                hotPlug.adopt(port, device);
            }
            table.add(new TrackedDevice(e.path(), e.handle(), port, e.placement().toString(), hotPluggable, device,
                    registry));
        }
    }

    private static boolean hotPlugPort(PciHost host, String port) {
        return host.ports().stream().anyMatch(p -> p.name().equals(port) && p.hotPlug());
    }

    private void attach(ChipsetDevice device, String path) throws VmLaunchException {
        try {
            bus.add(device);
        } catch (DeviceConflictException e) {
            throw new VmLaunchException(path + ": " + e.getMessage(), e);
        }
        device.poll().ifPresent(p -> poll.add(device.name(), p));
    }

    private void unattachable(String field, List<ResourceHandle> handles, String what)
            throws ResolveException, VmLaunchException {
        unattachable(field, handles, what, "");
    }

    /** Resolves each handle, so a missing provider is named, then refuses it. */
    private void unattachable(String field, List<ResourceHandle> handles, String what, String suffix)
            throws ResolveException, VmLaunchException {
        for (int i = 0; i < handles.size(); i++) {
            String path = field + "[" + i + "]" + suffix;
            ResourceHandle handle = handles.get(i);
            Object resolved = registry.resolve(handle, Object.class, inputs, path);
            close(resolved, path);
            throw new VmLaunchException(path + ": " + handle.key() + " resolved, but " + what
                    + " is not implemented yet");
        }
    }

    private static void close(Object resolved, String path) {
        if (resolved instanceof AutoCloseable c) {
            try {
                c.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing the unused " + path + " failed", e);
            }
        }
    }
}
