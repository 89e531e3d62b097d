package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.CTypes.array;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.bytes;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.handle;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u32;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u64;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.invoke.VarHandle;

/**
 * The VM-level structs: memory slots, capabilities, MSIs and GSI routing, irqfd and ioeventfd, plus
 * the small per-vCPU ones (kvm_interrupt, kvm_mp_state, kvm_lapic_state, kvm_vcpu_events).
 */
public final class VmLayouts {
    public static final StructLayout KVM_USERSPACE_MEMORY_REGION = MemoryLayout.structLayout(
            u32("slot"), u32("flags"), u64("guest_phys_addr"), u64("memory_size"), u64("userspace_addr"))
            .withName("kvm_userspace_memory_region");
    static final VarHandle REGION_SLOT = handle(KVM_USERSPACE_MEMORY_REGION, "slot");
    static final VarHandle REGION_FLAGS = handle(KVM_USERSPACE_MEMORY_REGION, "flags");
    static final VarHandle REGION_GPA = handle(KVM_USERSPACE_MEMORY_REGION, "guest_phys_addr");
    static final VarHandle REGION_SIZE = handle(KVM_USERSPACE_MEMORY_REGION, "memory_size");
    static final VarHandle REGION_HVA = handle(KVM_USERSPACE_MEMORY_REGION, "userspace_addr");

    public static final StructLayout KVM_ENABLE_CAP = MemoryLayout.structLayout(
            u32("cap"), u32("flags"), array("args", 4, u64("a")), bytes("pad", 64)).withName("kvm_enable_cap");
    static final VarHandle ENABLE_CAP_CAP = handle(KVM_ENABLE_CAP, "cap");
    static final long ENABLE_CAP_ARGS = CTypes.offset(KVM_ENABLE_CAP, "args");

    public static final StructLayout KVM_MSI = MemoryLayout.structLayout(
            u32("address_lo"), u32("address_hi"), u32("data"), u32("flags"), u32("devid"), bytes("pad", 12))
            .withName("kvm_msi");
    static final VarHandle MSI_ADDRESS_LO = handle(KVM_MSI, "address_lo");
    static final VarHandle MSI_ADDRESS_HI = handle(KVM_MSI, "address_hi");
    static final VarHandle MSI_DATA = handle(KVM_MSI, "data");

    public static final StructLayout KVM_IRQ_ROUTING_ENTRY = MemoryLayout.structLayout(
            u32("gsi"), u32("type"), u32("flags"), u32("pad"),
            MemoryLayout.unionLayout(
                    MemoryLayout.structLayout(u32("address_lo"), u32("address_hi"), u32("data"), u32("devid"))
                            .withName("msi"),
                    array("pad", 8, u32("p"))).withName("u"))
            .withName("kvm_irq_routing_entry");
    static final VarHandle ROUTE_GSI = handle(KVM_IRQ_ROUTING_ENTRY, "gsi");
    static final VarHandle ROUTE_TYPE = handle(KVM_IRQ_ROUTING_ENTRY, "type");
    static final VarHandle ROUTE_MSI_ADDRESS_LO = handle(KVM_IRQ_ROUTING_ENTRY, "u.msi.address_lo");
    static final VarHandle ROUTE_MSI_ADDRESS_HI = handle(KVM_IRQ_ROUTING_ENTRY, "u.msi.address_hi");
    static final VarHandle ROUTE_MSI_DATA = handle(KVM_IRQ_ROUTING_ENTRY, "u.msi.data");

    /** The header of kvm_irq_routing; the entries follow it. */
    public static final StructLayout KVM_IRQ_ROUTING = MemoryLayout.structLayout(u32("nr"), u32("flags"))
            .withName("kvm_irq_routing");
    static final VarHandle ROUTING_NR = handle(KVM_IRQ_ROUTING, "nr");

    public static final StructLayout KVM_IRQFD = MemoryLayout.structLayout(
            u32("fd"), u32("gsi"), u32("flags"), u32("resamplefd"), bytes("pad", 16)).withName("kvm_irqfd");
    static final VarHandle IRQFD_FD = handle(KVM_IRQFD, "fd");
    static final VarHandle IRQFD_GSI = handle(KVM_IRQFD, "gsi");
    static final VarHandle IRQFD_FLAGS = handle(KVM_IRQFD, "flags");

    public static final StructLayout KVM_IOEVENTFD = MemoryLayout.structLayout(
            u64("datamatch"), u64("addr"), u32("len"), u32("fd"), u32("flags"), bytes("pad", 36))
            .withName("kvm_ioeventfd");
    static final VarHandle IOEVENTFD_DATAMATCH = handle(KVM_IOEVENTFD, "datamatch");
    static final VarHandle IOEVENTFD_ADDR = handle(KVM_IOEVENTFD, "addr");
    static final VarHandle IOEVENTFD_LEN = handle(KVM_IOEVENTFD, "len");
    static final VarHandle IOEVENTFD_FD = handle(KVM_IOEVENTFD, "fd");
    static final VarHandle IOEVENTFD_FLAGS = handle(KVM_IOEVENTFD, "flags");

    public static final StructLayout KVM_INTERRUPT = MemoryLayout.structLayout(u32("irq")).withName("kvm_interrupt");
    static final VarHandle INTERRUPT_IRQ = handle(KVM_INTERRUPT, "irq");

    public static final StructLayout KVM_MP_STATE = MemoryLayout.structLayout(u32("mp_state")).withName("kvm_mp_state");
    static final VarHandle MP_STATE = handle(KVM_MP_STATE, "mp_state");

    public static final StructLayout KVM_LAPIC_STATE = MemoryLayout.structLayout(bytes("regs", 1024))
            .withName("kvm_lapic_state");

    public static final StructLayout KVM_VCPU_EVENTS = MemoryLayout.structLayout(
            MemoryLayout.structLayout(u8("injected"), u8("nr"), u8("has_error_code"), u8("pending"),
                    u32("error_code")).withName("exception"),
            MemoryLayout.structLayout(u8("injected"), u8("nr"), u8("soft"), u8("shadow")).withName("interrupt"),
            MemoryLayout.structLayout(u8("injected"), u8("pending"), u8("masked"), u8("pad")).withName("nmi"),
            u32("sipi_vector"), u32("flags"),
            MemoryLayout.structLayout(u8("smm"), u8("pending"), u8("smm_inside_nmi"), u8("latched_init"))
                    .withName("smi"),
            MemoryLayout.structLayout(u8("pending")).withName("triple_fault"),
            bytes("reserved", 26), u8("exception_has_payload"), u64("exception_payload"))
            .withName("kvm_vcpu_events");
    static final VarHandle EVENTS_NMI_PENDING = handle(KVM_VCPU_EVENTS, "nmi.pending");

    private VmLayouts() {
    }
}
