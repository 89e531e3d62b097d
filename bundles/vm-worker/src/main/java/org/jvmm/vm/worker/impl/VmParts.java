package org.jvmm.vm.worker.impl;

import org.jvmm.vm.worker.impl.graph.DeviceTable;
import org.jvmm.vm.worker.impl.graph.HotPlug;

import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.Partition;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.impl.boot.VmBootContext;
import org.jvmm.vm.worker.impl.chipset.ChipsetBus;
import org.jvmm.vm.worker.impl.chipset.ChipsetClock;
import org.jvmm.vm.worker.impl.chipset.InterruptRouter;
import org.jvmm.vm.worker.impl.chipset.PollLoop;
import org.jvmm.vm.worker.impl.hypervisor.HypervisorSelection;
import org.jvmm.vm.worker.spi.BootLoader;
import org.jvmm.vmm.resource.ChildRegistry;

/** Everything a launched VM is made of. */
record VmParts(String name, VmConfig config, HypervisorSelection hypervisor, GuestMemory memory,
        Partition partition, ChildRegistry registry, ChipsetBus bus, InterruptRouter router, PollLoop poll,
        ChipsetClock clock, BootLoader loader, VmBootContext boot, HotPlug hotPlug,
        DeviceTable devices, EventRelay relay) {
}
