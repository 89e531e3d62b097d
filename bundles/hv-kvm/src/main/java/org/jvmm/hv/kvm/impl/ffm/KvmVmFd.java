package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.ENABLE_CAP_ARGS;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.ENABLE_CAP_CAP;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IOEVENTFD_ADDR;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IOEVENTFD_DATAMATCH;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IOEVENTFD_FD;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IOEVENTFD_FLAGS;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IOEVENTFD_LEN;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IRQFD_FD;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IRQFD_FLAGS;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.IRQFD_GSI;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_ENABLE_CAP;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_IOEVENTFD;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_IRQFD;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_IRQ_ROUTING;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_IRQ_ROUTING_ENTRY;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_MSI;
import static org.jvmm.hv.kvm.impl.ffm.VmLayouts.KVM_USERSPACE_MEMORY_REGION;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/** A KVM VM file descriptor: VM set-up, memory slots, interrupt delivery and vCPU creation. */
public final class KvmVmFd implements AutoCloseable {
    private final int fd;
    private final AtomicBoolean closed = new AtomicBoolean();

    KvmVmFd(int fd) {
        this.fd = fd;
    }

    public int checkExtension(int capability) {
        return IoctlCall.withValue(fd, Ioctl.CHECK_EXTENSION, Integer.toString(capability), capability);
    }

    /** KVM_SET_TSS_ADDR: three pages of guest-physical space for the real-mode TSS (Intel). */
    public void setTssAddress(long gpa) {
        IoctlCall.withValue(fd, Ioctl.SET_TSS_ADDR, "0x" + Long.toHexString(gpa), gpa);
    }

    /** KVM_SET_IDENTITY_MAP_ADDR: one page for the real-mode identity page table (Intel); before any vCPU. */
    public void setIdentityMapAddress(long gpa) {
        try (Arena arena = Arena.ofConfined()) {
            IoctlCall.withStruct(fd, Ioctl.SET_IDENTITY_MAP_ADDR, "0x" + Long.toHexString(gpa),
                    arena.allocateFrom(ValueLayout.JAVA_LONG, gpa));
        }
    }

    /** KVM_ENABLE_CAP on the VM with up to four arguments. */
    public void enableCapability(int capability, long... args) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_ENABLE_CAP);
            ENABLE_CAP_CAP.set(s, 0L, capability);
            for (int i = 0; i < args.length; i++) {
                s.set(ValueLayout.JAVA_LONG, ENABLE_CAP_ARGS + 8L * i, args[i]);
            }
            IoctlCall.withStruct(fd, Ioctl.ENABLE_CAP, "cap " + capability, s);
        }
    }

    /** KVM_SET_USER_MEMORY_REGION: guest-physical {@code [gpa, gpa + size)} backed by host memory at {@code host}. */
    public void setUserMemoryRegion(int slot, long gpa, MemorySegment host) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_USERSPACE_MEMORY_REGION);
            VmLayouts.REGION_SLOT.set(s, 0L, slot);
            VmLayouts.REGION_FLAGS.set(s, 0L, 0);
            VmLayouts.REGION_GPA.set(s, 0L, gpa);
            VmLayouts.REGION_SIZE.set(s, 0L, host.byteSize());
            VmLayouts.REGION_HVA.set(s, 0L, host.address());
            IoctlCall.withStruct(fd, Ioctl.SET_USER_MEMORY_REGION,
                    "slot %d, gpa 0x%x, 0x%x bytes".formatted(slot, gpa, host.byteSize()), s);
        }
    }

    /** KVM_CREATE_VCPU with {@code id} (the APIC ID), its kvm_run mapped ({@code mmapSize} bytes). */
    public KvmVcpuFd createVcpu(int id, int mmapSize) {
        int vcpu = IoctlCall.withValue(fd, Ioctl.CREATE_VCPU, Integer.toString(id), id);
        try {
            return new KvmVcpuFd(id, vcpu, Libc.mapShared("kvm_run of vcpu " + id, vcpu, mmapSize));
        } catch (RuntimeException e) {
            Libc.close(vcpu);
            throw e;
        }
    }

    /**
     * KVM_SIGNAL_MSI: delivers an x86 MSI to the local APICs. Returns true if some APIC accepted it,
     * false if it was blocked (no destination, or a masked or disabled APIC).
     */
    public boolean signalMsi(long address, int data) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_MSI);
            VmLayouts.MSI_ADDRESS_LO.set(s, 0L, (int) address);
            VmLayouts.MSI_ADDRESS_HI.set(s, 0L, (int) (address >>> 32));
            VmLayouts.MSI_DATA.set(s, 0L, data);
            return IoctlCall.withStruct(fd, Ioctl.SIGNAL_MSI,
                    "address 0x%x, data 0x%x".formatted(address, data), s) > 0;
        }
    }

    /** KVM_SET_GSI_ROUTING: replaces the whole routing table with these MSI routes. */
    public void setGsiRouting(List<MsiRoute> routes) {
        long entry = KVM_IRQ_ROUTING_ENTRY.byteSize();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_IRQ_ROUTING.byteSize() + routes.size() * entry, 8);
            VmLayouts.ROUTING_NR.set(s, 0L, routes.size());
            for (int i = 0; i < routes.size(); i++) {
                MsiRoute r = routes.get(i);
                long at = KVM_IRQ_ROUTING.byteSize() + i * entry;
                VmLayouts.ROUTE_GSI.set(s, at, r.gsi());
                VmLayouts.ROUTE_TYPE.set(s, at, KvmConstants.KVM_IRQ_ROUTING_MSI);
                VmLayouts.ROUTE_MSI_ADDRESS_LO.set(s, at, (int) r.address());
                VmLayouts.ROUTE_MSI_ADDRESS_HI.set(s, at, (int) (r.address() >>> 32));
                VmLayouts.ROUTE_MSI_DATA.set(s, at, r.data());
            }
            IoctlCall.withStruct(fd, Ioctl.SET_GSI_ROUTING, routes.size() + " routes", s);
        }
    }

    /** KVM_IRQFD: a write to {@code eventFd} raises {@code gsi} (or stops doing so when {@code deassign}). */
    public void irqfd(int eventFd, int gsi, boolean deassign) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_IRQFD);
            IRQFD_FD.set(s, 0L, eventFd);
            IRQFD_GSI.set(s, 0L, gsi);
            IRQFD_FLAGS.set(s, 0L, deassign ? KvmConstants.KVM_IRQFD_FLAG_DEASSIGN : 0);
            IoctlCall.withStruct(fd, Ioctl.IRQFD, "fd %d, gsi %d%s".formatted(eventFd, gsi,
                    deassign ? ", deassign" : ""), s);
        }
    }

    /**
     * KVM_IOEVENTFD: a guest write of {@code length} bytes to {@code address} (a port when {@code pio})
     * signals {@code eventFd} in the kernel instead of exiting; with {@code match} only for that value.
     */
    public void ioeventfd(int eventFd, long address, int length, boolean pio, Long match, boolean deassign) {
        int flags = (pio ? KvmConstants.KVM_IOEVENTFD_FLAG_PIO : 0)
                | (match != null ? KvmConstants.KVM_IOEVENTFD_FLAG_DATAMATCH : 0)
                | (deassign ? KvmConstants.KVM_IOEVENTFD_FLAG_DEASSIGN : 0);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(KVM_IOEVENTFD);
            IOEVENTFD_DATAMATCH.set(s, 0L, match == null ? 0L : match);
            IOEVENTFD_ADDR.set(s, 0L, address);
            IOEVENTFD_LEN.set(s, 0L, length);
            IOEVENTFD_FD.set(s, 0L, eventFd);
            IOEVENTFD_FLAGS.set(s, 0L, flags);
            IoctlCall.withStruct(fd, Ioctl.IOEVENTFD, "fd %d, %s 0x%x, %d bytes%s".formatted(eventFd,
                    pio ? "port" : "gpa", address, length, deassign ? ", deassign" : ""), s);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            Libc.close(fd);
        }
    }
}
