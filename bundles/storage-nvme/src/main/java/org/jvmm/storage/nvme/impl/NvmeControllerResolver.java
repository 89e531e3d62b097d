package org.jvmm.storage.nvme.impl;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.storage.disk.api.Disk;
import org.jvmm.storage.nvme.api.NvmeNamespaceException;
import org.jvmm.storage.nvme.impl.core.ControllerIdentity;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.jvmm.storage.nvme.resources.NvmeNamespaceConfig;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceKinds;
import org.jvmm.vmm.resource.ResourceResolver;
import org.osgi.service.component.annotations.Component;

/**
 * {@code pci_device_handle:nvme}: resolves each namespace's {@code disk_handle} (at
 * {@code <path>.namespaces[i].disk}) and builds the controller on the VM's guest memory (the
 * {@link ChipsetServices} input). The VM worker attaches the result to a PCI host.
 */
@Component(service = ResourceResolver.class, property = {"vmm.resource.kind=pci_device_handle", "vmm.resource.id=nvme"})
public final class NvmeControllerResolver implements ResourceResolver<NvmeControllerHandle, ChipsetDevice> {
    private static final String ID = "nvme";

    @Override
    public Class<NvmeControllerHandle> handleType() {
        return NvmeControllerHandle.class;
    }

    @Override
    public Class<ChipsetDevice> outputType() {
        return ChipsetDevice.class;
    }

    @Override
    public ChipsetDevice resolve(NvmeControllerHandle handle, ResolveContext ctx) throws ResolveException {
        ChipsetServices services = ctx.input(ChipsetServices.class).orElseThrow(() -> ResolveException.failed(
                ResourceKinds.PCI_DEVICE_HANDLE, ID, ctx.path(),
                "no ChipsetServices input (PCI devices are resolved by the VM worker)"));
        List<Disk> disks = new ArrayList<>();
        try {
            for (int i = 0; i < handle.namespaces().size(); i++) {
                NvmeNamespaceConfig ns = handle.namespaces().get(i);
                disks.add(ctx.child("namespaces[" + i + "]").child("disk").resolve(ns.disk(), Disk.class));
            }
            NvmeController controller = new NvmeController(ControllerIdentity.of(handle), services.memory());
            for (int i = 0; i < disks.size(); i++) {
                NvmeNamespaceConfig ns = handle.namespaces().get(i);
                controller.addNamespace(ns.nsid(), disks.get(i), ns.readOnly());
            }
            return controller;
        } catch (ResolveException e) {
            disks.forEach(Disk::close);
            throw e;
        } catch (NvmeNamespaceException | RuntimeException e) {
            disks.forEach(Disk::close);
            throw ResolveException.failed(ResourceKinds.PCI_DEVICE_HANDLE, ID, ctx.path(), e);
        }
    }
}
