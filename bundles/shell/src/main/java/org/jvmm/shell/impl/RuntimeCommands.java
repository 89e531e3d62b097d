package org.jvmm.shell.impl;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.apache.felix.service.command.Descriptor;
import org.jvmm.chipset.serial.ConsoleInput;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.storage.disk.resources.DiskSpecParser;
import org.jvmm.vm.worker.SnapshotException;
import org.jvmm.vm.worker.VmControl;
import org.jvmm.vm.worker.VmDevice;
import org.jvmm.vmm.resource.HandleJson;
import org.jvmm.vmm.resource.ResolverRegistry;
import org.jvmm.vmm.resource.ResourceHandle;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The rest of OpenVMM's REPL on a running VM: {@code vm:input} and {@code vm:restart} here, and (through
 * {@link HyphenatedCommands}) {@code vm:pulse-save-restore}, {@code vm:clear-halt},
 * {@code vm:add-disk} and {@code vm:rm-disk}.
 */
@Component(service = RuntimeCommands.class, property = {"osgi.command.scope=vm", "osgi.command.function=input",
    "osgi.command.function=restart"})
public class RuntimeCommands {
    static final String ADD_DISK_USAGE = "usage: vm:add-disk DISK,pcie_port=PORT  (DISK as --virtio-blk takes it;"
            + " PORT a --pcie-root-port ...,hotplug)";

    private final ResolverRegistry registry;
    private final CurrentVm current;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile ConsoleInput console;

    @Activate
    public RuntimeCommands(@Reference(name = "registry") ResolverRegistry registry,
            @Reference(name = "current") CurrentVm current) {
        this.registry = registry;
        this.current = current;
    }

    @Descriptor("type a line into the guest's serial console (the words joined by spaces, then Enter)")
    public Object input(@Descriptor("the words to type") String... words) throws InterruptedException {
        ConsoleInput in = console;
        if (in == null || !in.available()) {
            return ConsoleCommand.NO_CONSOLE;
        }
        byte[] line = (String.join(" ", words) + "\n").getBytes(StandardCharsets.UTF_8);
        return in.type(line, 0, line.length) ? "typed " + line.length + " bytes" : ConsoleCommand.VM_GONE;
    }

    @Descriptor("restart the VM worker: save every state unit, build the VM again with the bundles active now"
            + " (same RAM, hot-added devices too), restore, and go on")
    public Object restart() {
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        try {
            c.restart();
            List<String> events = c.deviceEvents();
            return (events.isEmpty() ? "restarted" : events.getLast()) + "; the VM is " + c.state().name().toLowerCase();
        } catch (SnapshotException e) {
            return "restart: " + e.getMessage();
        }
    }

    /** {@code vm:pulse-save-restore}. */
    Object pulseSaveRestore(List<Object> args) {
        if (!args.isEmpty()) {
            return "usage: vm:pulse-save-restore (saves every state unit and restores it at once)";
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        try {
            c.pulseSaveRestore();
            return "every state unit saved and restored; the VM is " + c.state().name().toLowerCase();
        } catch (SnapshotException | RuntimeException e) {
            return "pulse-save-restore: " + e.getMessage();
        }
    }

    /** {@code vm:clear-halt}. */
    Object clearHalt(List<Object> args) {
        if (!args.isEmpty()) {
            return "usage: vm:clear-halt (resumes a VM that the guest halted)";
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        c.clearHalt();
        return "halt cleared; the VM is running";
    }

    /** {@code vm:add-disk DISK,pcie_port=PORT}: a virtio-blk disk hot-added behind PORT. */
    Object addDisk(List<Object> args) {
        if (args.size() != 1) {
            return ADD_DISK_USAGE;
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        DiskSpec spec = new DiskSpecParser().parse(String.valueOf(args.get(0)));
        String port = spec.pciePort().orElseThrow(() -> new IllegalArgumentException(ADD_DISK_USAGE));
        String bdf = c.addPciDevice(port, virtioBlk(spec));
        return "virtio-blk disk added at " + bdf + " behind " + port;
    }

    /**
     * The {@code virtio:virtio-blk} handle for {@code spec}, built through the registry's handle types
     * (as vm:hotplug reads handles), so the shell does not depend on the device bundle.
     */
    private ResourceHandle virtioBlk(DiskSpec spec) {
        try {
            var mapper = HandleJson.mapper();
            String json = "{\"resource\":\"virtio:virtio-blk\",\"disk\":" + mapper.writeValueAsString(spec.disk())
                    + ",\"readOnly\":" + spec.readOnly() + "}";
            return HandleJson.reader(mapper, registry.handleTypes()).forType(ResourceHandle.class).readValue(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("virtio-blk is not available (is the devices-virtio bundle active?): "
                    + e.getOriginalMessage());
        }
    }

    /** {@code vm:rm-disk PORT}: hot-removes the virtio-blk disk behind PORT. */
    Object removeDisk(List<Object> args) {
        if (args.size() != 1) {
            return "usage: vm:rm-disk PORT  (the port vm:add-disk put the disk behind)";
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        String port = String.valueOf(args.get(0));
        boolean disk = c.listDevices().stream().anyMatch(d -> isDiskBehind(d, port));
        if (!disk) {
            throw new IllegalArgumentException("no disk added with vm:add-disk is behind " + port
                    + " (vm:devices lists the devices; vm:unplug removes any device)");
        }
        c.removePciDevice(port);
        return "removed the disk behind " + port;
    }

    private static boolean isDiskBehind(VmDevice d, String port) {
        return d.place().equals("port " + port) && d.key().equals("virtio:virtio-blk");
    }
}
