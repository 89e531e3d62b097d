package org.jvmm.vm.worker.spi;

import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.Partition;
import org.jvmm.inspect.Inspectable;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.VmConfig;
import org.osgi.annotation.versioning.ProviderType;

/** What a {@link BootLoader} sees: the VM's memory, processors, devices and configuration. */
@ProviderType
public interface BootContext {
    GuestMemory memory();

    /** The partition; processors are stopped while the loader runs, so registers may be set. */
    Partition partition();

    int processorCount();

    /** The load mode being loaded (a {@link LoadMode.LinuxDirect}, {@link LoadMode.Uefi}, ...). */
    LoadMode loadMode();

    /** The whole VM configuration (memory size, command line, devices). */
    VmConfig config();

    /** The chipset devices in the order they were added, e.g. to describe them in ACPI tables. */
    List<ChipsetDevice> chipsetDevices();

    /**
     * The VM's fw_cfg items (QEMU's firmware configuration interface), which the loader fills
     * (RAM size, CPUs, memory map, kernel, initrd, command line) for a {@code fw_cfg} chipset device
     * to serve; they are the same object the device was resolved with.
     */
    FwCfgItems fwCfg();

    /** Shows what the loader did (entry point, memory map) under {@code boot/<name>} in the inspect tree. */
    void publish(String name, Inspectable info);
}
