package org.jvmm.cli.impl;

import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.DebugExitHandle;
import org.jvmm.chipset.resources.DebugconHandle;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.chipset.resources.PitHandle;
import org.jvmm.chipset.resources.PortSinkHandle;
import org.jvmm.chipset.resources.RtcHandle;
import org.jvmm.chipset.resources.Serial16550Handle;
import org.jvmm.vm.config.VmConfigJson;
import org.jvmm.storage.disk.resources.DiskHandleTypes;
import org.jvmm.vmm.resource.HandleTypes;

/**
 * The handle classes the CLI knows without a resolver registry: vm-config's {@code serial_handle}s,
 * the {@code chipset_device_handle}s of bundles chipset and pci, the {@code virtio} devices and the
 * {@code disk_handle}s that configs built from options contain. In the framework, {@code --config} is read with the registry's handle types instead.
 */
public final class BuiltinHandleTypes {
    private static final HandleTypes ALL = VmConfigJson.builtinTypes().merge(HandleTypes.of(PicHandle.class,
            PitHandle.class, RtcHandle.class, IoApicHandle.class, I8042Handle.class, AcpiPmHandle.class,
            DebugconHandle.class, DebugExitHandle.class, PortSinkHandle.class, FwCfgHandle.class,
            Serial16550Handle.class, org.jvmm.pci.resources.PcieRootComplexHandle.class,
            org.jvmm.devices.virtio.resources.VirtioBlkHandle.class, org.jvmm.devices.virtio.resources.VirtioRngHandle.class,
            org.jvmm.devices.virtio.resources.VirtioConsoleHandle.class,
            org.jvmm.devices.virtio.resources.VirtioNetHandle.class,
            org.jvmm.devices.virtio.resources.Virtio9pHandle.class,
            org.jvmm.devices.virtio.resources.VirtioVsockHandle.class,
            org.jvmm.devices.virtio.resources.VirtioPmemHandle.class,
            org.jvmm.devices.virtio.resources.VirtioFsHandle.class)).merge(DiskHandleTypes.all())
            .merge(org.jvmm.net.backend.resources.NetEndpointHandleTypes.all())
            .merge(org.jvmm.storage.nvme.resources.NvmeHandleTypes.all());

    private BuiltinHandleTypes() {
    }

    public static HandleTypes all() {
        return ALL;
    }
}
