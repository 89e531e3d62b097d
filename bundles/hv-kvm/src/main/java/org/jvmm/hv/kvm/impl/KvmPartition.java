package org.jvmm.hv.kvm.impl;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.kvm.impl.ffm.CpuidEntry;
import org.jvmm.hv.kvm.impl.ffm.KvmConstants;
import org.jvmm.hv.kvm.impl.ffm.KvmDevice;
import org.jvmm.hv.kvm.impl.ffm.KvmVmFd;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;
import org.jvmm.hv.kvm.impl.ffm.SignalKick;
import org.jvmm.hv.kvm.impl.vp.KvmVp;
import org.jvmm.hv.kvm.impl.vp.PicLink;
import org.jvmm.inspect.InspectNode;

/**
 * A KVM VM: guest RAM in memory slots, the split irqchip (local APICs in the kernel; PIC and IOAPIC
 * in the chipset), one vCPU per processor with its CPUID. Interrupt requests become MSIs
 * (KVM_SIGNAL_MSI); the PIC's output is offered to the vCPUs ({@link PicLink}).
 */
public final class KvmPartition implements Partition {
    private static final long CLOSE_WAIT_MILLIS = 2000;

    private final PartitionConfig config;
    private final KvmDevice kvm;
    private final KvmVmFd vm;
    private final List<MemorySlots.Slot> slots;
    private final PicLink pic = new PicLink();
    private final GsiRoutes routes;
    private final InterruptDelivery interrupts;
    private final List<KvmVp> vps = new ArrayList<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<Integer> leaked = new ArrayList<>();

    private KvmPartition(PartitionConfig config, KvmDevice kvm, KvmVmFd vm, List<MemorySlots.Slot> slots) {
        this.config = config;
        this.kvm = kvm;
        this.vm = vm;
        this.slots = slots;
        this.routes = new GsiRoutes(vm);
        this.interrupts = new InterruptDelivery(vm, routes, vps);
    }

    /** Creates the VM step by step; a failure names the step and releases what was created. */
    static KvmPartition create(PartitionConfig config) throws HypervisorException {
        String os = HostProbe.notLinux();
        if (os != null) {
            throw new HypervisorException("hv-kvm: " + os);
        }
        CpuidModel.check(config.cpuModel());
        List<MemorySlots.Slot> slots = MemorySlots.plan(config.memory());
        KvmDevice kvm;
        try {
            kvm = KvmDevice.open();
        } catch (NativeCallException e) {
            throw new HypervisorException("hv-kvm: " + e.getMessage(), e);
        }
        KvmPartition p = null;
        try {
            checkDevice(kvm, config.processorCount());
            KvmVmFd vm = kvm.createVm();
            p = new KvmPartition(config, kvm, vm, slots);
            p.setUp();
            return p;
        } catch (NativeCallException | HypervisorException e) {
            if (p != null) {
                p.close();
            } else {
                kvm.close();
            }
            throw e instanceof HypervisorException h ? h : new HypervisorException("hv-kvm: " + e.getMessage(), e);
        }
    }

    private static void checkDevice(KvmDevice kvm, int processors) throws HypervisorException {
        int api = kvm.apiVersion();
        if (api != KvmConstants.KVM_API_VERSION) {
            throw new HypervisorException("hv-kvm: KVM API version " + api + ", need " + KvmConstants.KVM_API_VERSION);
        }
        for (HostProbe.Capability c : HostProbe.REQUIRED) {
            if (kvm.checkExtension(c.number()) <= 0) {
                throw new HypervisorException("hv-kvm: KVM lacks " + c.name());
            }
        }
        int max = kvm.checkExtension(KvmConstants.KVM_CAP_MAX_VCPUS);
        if (processors > max) {
            throw new HypervisorException("hv-kvm: " + processors + " processors, KVM allows " + max);
        }
    }

    private void setUp() {
        vm.setTssAddress(MemorySlots.TSS_ADDRESS);
        vm.setIdentityMapAddress(MemorySlots.IDENTITY_MAP_ADDRESS);
        vm.enableCapability(KvmConstants.KVM_CAP_SPLIT_IRQCHIP, GsiRoutes.PINS);
        MemorySlots.map(vm, config.memory(), slots);
        int signal = SignalKick.install();
        List<CpuidEntry> supported = kvm.supportedCpuid();
        int mmapSize = kvm.vcpuMmapSize();
        for (int i = 0; i < config.processorCount(); i++) {
            var vcpu = vm.createVcpu(i, mmapSize);
            try {
                vcpu.setCpuid(CpuidModel.forProcessor(supported, config.cpuModel(), i));
                vps.add(new KvmVp(i, vcpu, pic, signal));
            } catch (NativeCallException e) {
                vcpu.close();
                throw e;
            }
        }
        vps.forEach(KvmVp::publishApic);
    }

    @Override
    public int processorCount() {
        return vps.size();
    }

    @Override
    public VirtualProcessor processor(int index) {
        if (index < 0 || index >= vps.size()) {
            throw new IndexOutOfBoundsException("processor " + index + ": the partition has " + vps.size());
        }
        return vps.get(index);
    }

    @Override
    public GuestMemory memory() {
        return config.memory();
    }

    @Override
    public void requestInterrupt(InterruptRequest request) {
        interrupts.deliver(request);
    }

    @Override
    public void setPicOutput(boolean asserted) {
        if (pic.set(asserted)) {
            for (KvmVp vp : vps) {
                vp.kickForInterrupt();
            }
        }
    }

    /**
     * A doorbell handled inside KVM (ioeventfd): guest writes of {@code length} bytes to
     * {@code address} (a port when {@code pio}), of value {@code match} unless it is null, no longer
     * exit; they count on the returned doorbell instead.
     */
    public Doorbell doorbell(long address, int length, boolean pio, Long match) {
        return new Doorbell(vm, address, length, pio, match);
    }

    /**
     * An irqfd that delivers {@code request} (an edge-triggered fixed, lowest-priority or NMI
     * interrupt, or such an MSI) each time it is signalled.
     *
     * @throws IllegalArgumentException for level-triggered or ExtINT requests, which need the VMM
     */
    public InterruptFd interruptFd(InterruptRequest request) {
        MsiMessage m = MsiMessage.of(request);
        if (m.levelTriggered() || m.deliveryMode() == MsiMessage.EXTINT) {
            throw new IllegalArgumentException("interruptFd: " + request + " is level-triggered or ExtINT");
        }
        return new InterruptFd(vm, routes, m);
    }

    @Override
    public void reset() {
        for (KvmVp vp : vps) {
            vp.powerOn();
        }
    }

    /** Stops the vCPUs, waits for their threads to leave run, and closes the VM. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        vps.forEach(KvmVp::requestStop);
        for (KvmVp vp : vps) {
            try {
                if (!vp.close(CLOSE_WAIT_MILLIS)) {
                    leaked.add(vp.index());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                leaked.add(vp.index());
            }
        }
        if (leaked.isEmpty()) {
            vm.close();
        }
        kvm.close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("backend", KvmHypervisor.NAME)
                .field("processors", vps.size())
                .field("cpuModel", config.cpuModel().name())
                .field("irqchip", "split: local APICs in KVM, PIC and IOAPIC in the chipset")
                .field("time", "host (deterministic time is not available under KVM)")
                .field("picOutput", pic.asserted())
                .field("picAcknowledges", pic.acknowledged())
                .field("closed", closed.get() ? (leaked.isEmpty() ? "yes" : "yes, vp " + leaked + " still running")
                        : "no");
        InspectNode mem = node.child("memorySlots");
        for (MemorySlots.Slot s : slots) {
            mem.field(Integer.toString(s.slot()), "gpa 0x%x..0x%x at RAM offset 0x%x"
                    .formatted(s.gpa(), s.gpa() + s.size() - 1, s.offset()));
        }
        interrupts.inspect(node.child("interrupts"));
        InspectNode vpNode = node.child("vp");
        for (KvmVp vp : vps) {
            vpNode.child(Integer.toString(vp.index()), vp);
        }
    }
}
