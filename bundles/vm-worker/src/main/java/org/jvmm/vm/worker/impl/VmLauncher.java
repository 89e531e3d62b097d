package org.jvmm.vm.worker.impl;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.vm.config.MemoryConfig;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.config.VmConfigException;
import org.jvmm.vm.config.VmConfigJson;
import org.jvmm.vm.worker.VmLaunchException;
import org.jvmm.vm.worker.impl.boot.NoneLoadModeResolver;
import org.jvmm.vm.worker.impl.boot.VmBootContext;
import org.jvmm.vm.worker.impl.chipset.ChipsetBus;
import org.jvmm.vm.worker.impl.chipset.ChipsetClock;
import org.jvmm.vm.worker.impl.chipset.HostVmClock;
import org.jvmm.vm.worker.impl.chipset.InterruptRouter;
import org.jvmm.vm.worker.impl.chipset.PartitionVmClock;
import org.jvmm.vm.worker.impl.chipset.PollLoop;
import org.jvmm.vm.worker.impl.chipset.VmChipsetServices;
import org.jvmm.vm.worker.impl.graph.DeviceGraph;
import org.jvmm.vm.worker.impl.graph.DeviceTable;
import org.jvmm.vm.worker.impl.graph.HotPlug;
import org.jvmm.vm.worker.impl.hypervisor.HypervisorSelection;
import org.jvmm.vm.worker.impl.hypervisor.HypervisorSelector;
import org.jvmm.vm.worker.spi.BootException;
import org.jvmm.vm.worker.spi.BootLoader;
import org.jvmm.vmm.resource.ChildRegistry;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResolverRegistry;

/** Builds VMs against a resolver registry; usable without OSGi. */
public final class VmLauncher {
    private static final System.Logger LOG = System.getLogger(VmLauncher.class.getName());

    private final ResolverRegistry registry;

    public VmLauncher(ResolverRegistry registry) {
        this.registry = registry;
    }

    /** Builds the VM {@code name}; on failure closes whatever was built. */
    public Vm launch(String name, VmConfig config) throws VmLaunchException {
        Deque<AutoCloseable> built = new ArrayDeque<>();
        try {
            GuestMemory memory = push(built, createMemory(config.memory()));
            VmParts parts = build(name, config, memory, built);
            load(parts.loader(), parts.boot(), config);
            return new Vm(parts, this);
        } catch (VmLaunchException | RuntimeException e) {
            closeAll(built, e);
            throw e;
        }
    }

    /**
     * Builds every part of the VM {@code name} again around its guest RAM {@code memory}, which it
     * keeps (vm:restart): the hypervisor, partition and device graph are resolved through the
     * registry as it is now; the guest is not loaded (its state is restored instead). On failure
     * closes what it built, never {@code memory}.
     */
    VmParts rebuild(String name, VmConfig config, GuestMemory memory) throws VmLaunchException {
        Deque<AutoCloseable> built = new ArrayDeque<>();
        try {
            return build(name, reread(config), memory, built);
        } catch (VmLaunchException | RuntimeException e) {
            closeAll(built, e);
            throw e;
        }
    }

    /** {@code config} read again with the registry's handle types now (a new bundle revision's classes). */
    private VmConfig reread(VmConfig config) throws VmLaunchException {
        try {
            return VmConfigJson.read(VmConfigJson.write(config), registry.handleTypes());
        } catch (VmConfigException | IllegalArgumentException e) {
            throw new VmLaunchException("the VM's config does not read with the handle types active now: "
                    + e.getMessage(), e);
        }
    }

    private VmParts build(String name, VmConfig config, GuestMemory memory, Deque<AutoCloseable> built)
            throws VmLaunchException {
        HypervisorSelection hv = new HypervisorSelector(registry).select(config.hypervisor());
        Partition partition = push(built, createPartition(hv, config, memory));
        ChildRegistry child = push(built, registry.createChild(name));
        child.register(new NoneLoadModeResolver(), NoneLoadModeResolver.KIND, NoneLoadModeResolver.ID);
        EventRelay events = new EventRelay();
        Optional<DeterministicTime> time = partition.deterministicTime();
        ChipsetClock clock = time.<ChipsetClock>map(PartitionVmClock::new).orElseGet(HostVmClock::new);
        InterruptRouter router = new InterruptRouter(partition);
        ChipsetBus bus = new ChipsetBus(router, partition.processorCount());
        PollLoop poll = time.map(PollLoop::onProcessor).orElseGet(() -> new PollLoop(clock, name + "-poll"));
        VmChipsetServices services = new VmChipsetServices(memory, router, clock, bus, poll, events);
        FwCfgItems fwCfg = new FwCfgItems();
        Inputs inputs = Inputs.of(services, memory, partition, fwCfg);
        DeviceTable devices = new DeviceTable(name);
        HotPlug hotPlug = new HotPlug(child, inputs, bus, poll, devices);
        new DeviceGraph(child, inputs, bus, poll, devices, hotPlug).resolve(config);
        BootLoader loader = resolveLoader(child, config, inputs);
        VmBootContext boot = new VmBootContext(config, memory, partition, bus.devices(), fwCfg);
        return new VmParts(name, config, hv, memory, partition, child, bus, router, poll, clock, loader, boot,
                hotPlug, devices, events);
    }

    /** Runs {@code loader}; a failure names the load mode. */
    static void load(BootLoader loader, VmBootContext boot, VmConfig config) throws VmLaunchException {
        String what = config.load().key();
        try {
            loader.load(boot);
        } catch (BootException e) {
            throw new VmLaunchException(what + " at load failed: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            throw new VmLaunchException(what + " at load failed: " + e, e);
        }
    }

    private static BootLoader resolveLoader(ChildRegistry child, VmConfig config, Inputs inputs)
            throws VmLaunchException {
        try {
            return child.resolve(config.load(), BootLoader.class, inputs, "load");
        } catch (ResolveException e) {
            throw new VmLaunchException(e.getMessage(), e);
        }
    }

    private static GuestMemory createMemory(MemoryConfig mc) throws VmLaunchException {
        String size = Sizes.human(mc.sizeBytes());
        try {
            GuestMemoryLayout layout = GuestMemoryLayout.pc(mc.sizeBytes());
            GuestMemory memory = mc.ramFile() == null ? GuestMemory.create(layout)
                    : GuestMemory.create(layout, Path.of(mc.ramFile()));
            if (mc.prefetch()) {
                touchEveryPage(memory.segment());
            }
            return memory;
        } catch (IOException | IllegalArgumentException e) {
            throw new VmLaunchException("memory: cannot create " + size + " of guest RAM"
                    + (mc.ramFile() == null ? "" : " in " + mc.ramFile()) + ": " + e.getMessage(), e);
        }
    }

    private static void touchEveryPage(MemorySegment ram) {
        for (long off = 0; off < ram.byteSize(); off += MemoryConfig.PAGE_SIZE) {
            ram.get(ValueLayout.JAVA_BYTE, off);
        }
    }

    private static Partition createPartition(HypervisorSelection hv, VmConfig config, GuestMemory memory)
            throws VmLaunchException {
        PartitionConfig pc = new PartitionConfig(config.processors().count(), memory, CpuModel.QEMU64,
                config.deterministic());
        try {
            return hv.hypervisor().createPartition(pc);
        } catch (HypervisorException | RuntimeException e) {
            throw new VmLaunchException("hypervisor: " + hv.name() + ": cannot create the partition: "
                    + e.getMessage(), e);
        }
    }

    private static <T extends AutoCloseable> T push(Deque<AutoCloseable> built, T part) {
        built.push(part);
        return part;
    }

    private static void closeAll(Deque<AutoCloseable> built, Exception cause) {
        while (!built.isEmpty()) {
            AutoCloseable part = built.pop();
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "closing " + part + " after a failed launch failed", e);
                cause.addSuppressed(e);
            }
        }
    }
}
