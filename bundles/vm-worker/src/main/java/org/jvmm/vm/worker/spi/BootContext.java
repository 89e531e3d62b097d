package org.jvmm.vm.worker.spi;

import java.util.List;
import org.jvmm.chipset.api.ChipsetDevice;
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

    /** Shows what the loader did (entry point, memory map) under {@code boot/<name>} in the inspect tree. */
    void publish(String name, Inspectable info);
}
