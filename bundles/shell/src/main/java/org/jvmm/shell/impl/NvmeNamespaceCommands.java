package org.jvmm.shell.impl;

import java.util.List;
import java.util.Optional;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.disk.resources.DiskSpec;
import org.jvmm.storage.disk.resources.DiskSpecParser;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.api.NvmeNamespaces;
import org.jvmm.vm.worker.VmControl;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * OpenVMM's {@code add-nvme-ns} / {@code rm-nvme-ns}: namespaces added to and removed from the VM's
 * NVMe controller while it runs (the guest gets the changed-namespace event). The disk is given
 * in OpenVMM's disk syntax ({@code file:PATH}, {@code mem:SIZE}, … with {@code ,ro}) and resolved
 * through the VM's registry. Gogo calls them as {@code vm:add-nvme-ns} and {@code vm:rm-nvme-ns}
 * ({@link HyphenatedCommands}).
 */
@Component(service = NvmeNamespaceCommands.class)
public class NvmeNamespaceCommands {
    private final CurrentVm current;

    @Activate
    public NvmeNamespaceCommands(@Reference(name = "current") CurrentVm current) {
        this.current = current;
    }

    /** {@code DISK [NSID]}: adds a namespace; NSID 0 or absent takes the lowest free id. */
    Object add(List<Object> args) throws NvmeNamespaceException {
        if (args.isEmpty() || args.size() > 2) {
            throw new IllegalArgumentException("usage: vm:add-nvme-ns DISK [NSID]  (DISK as --nvme takes it)");
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        NvmeNamespaces controller = controller(c);
        DiskSpec spec = new DiskSpecParser().parse(String.valueOf(args.get(0)));
        int nsid = args.size() == 2 ? Integer.parseInt(String.valueOf(args.get(1))) : 0;
        Disk disk = c.resolve(spec.disk(), Disk.class);
        try {
            int added = controller.addNamespace(nsid, disk, spec.readOnly());
            return "namespace " + added + " added to " + controller.name();
        } catch (NvmeNamespaceException | RuntimeException e) {
            disk.close();
            throw e;
        }
    }

    /** {@code NSID}: removes a namespace. */
    Object remove(List<Object> args) throws NvmeNamespaceException {
        if (args.size() != 1) {
            throw new IllegalArgumentException("usage: vm:rm-nvme-ns NSID");
        }
        Optional<VmControl> vm = current.control();
        if (vm.isEmpty()) {
            return VmCommands.NO_VM;
        }
        VmControl c = vm.get();
        NvmeNamespaces controller = controller(c);
        int nsid = Integer.parseInt(String.valueOf(args.get(0)));
        controller.removeNamespace(nsid);
        return "namespace " + nsid + " removed from " + controller.name();
    }

    private static NvmeNamespaces controller(VmControl c) {
        List<NvmeNamespaces> all = c.devices(NvmeNamespaces.class);
        if (all.isEmpty()) {
            throw new IllegalArgumentException("the VM has no NVMe controller (start it with --nvme)");
        }
        return all.getFirst();
    }
}
