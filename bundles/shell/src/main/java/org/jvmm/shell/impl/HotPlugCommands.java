package org.jvmm.shell.impl;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * {@code vm:hotplug PORT HANDLE} and {@code vm:unplug PORT}: PCIe native hot-plug of any device a
 * bundle provides, given as the JSON of its handle, e.g.
 * {@code vm:hotplug rp0 '{"resource":"virtio:virtio-rng"}'} (a {@code virtio} handle goes behind
 * virtio-pci; a {@code pci_device_handle} is attached as it is).
 */
@Component(service = HotPlugCommands.class, property = {"osgi.command.scope=vm", "osgi.command.function=hotplug",
    "osgi.command.function=unplug"})
public class HotPlugCommands {
    private final ResolverRegistry registry;
    private final CurrentVm current;

    @Activate
    public HotPlugCommands(@Reference(name = "registry") ResolverRegistry registry,
            @Reference(name = "current") CurrentVm current) {
        this.registry = registry;
        this.current = current;
    }

    @Descriptor("hot-add a device behind a PCIe port with hot-plug")
    public Object hotplug(@Descriptor("the port's name (--pcie-root-port RC:NAME,hotplug)") String port,
            @Descriptor("the device's handle as JSON, e.g. {\"resource\":\"virtio:virtio-rng\"}") String json) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        ResourceHandle handle;
        try {
            handle = HandleJson.reader(HandleJson.mapper(), registry.handleTypes()).forType(ResourceHandle.class)
                    .readValue(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a device handle: " + e.getOriginalMessage());
        }
        return handle.key() + " added at " + c.addPciDevice(port, handle) + " behind " + port;
    }

    @Descriptor("hot-remove the device behind a PCIe port")
    public Object unplug(@Descriptor("the port's name") String port) {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        c.removePciDevice(port);
        return "removed the device behind " + port;
    }
}
