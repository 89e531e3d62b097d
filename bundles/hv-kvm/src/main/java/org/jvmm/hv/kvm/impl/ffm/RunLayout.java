package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.CTypes.array;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.bytes;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.handle;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.offset;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u16;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u32;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u64;
import static org.jvmm.hv.kvm.impl.ffm.CTypes.u8;

import java.lang.foreign.MemoryLayout;
import java.lang.foreign.StructLayout;
import java.lang.foreign.UnionLayout;
import java.lang.invoke.VarHandle;

/**
 * {@code struct kvm_run}, the page KVM shares with each vCPU: the header, the exit union (only the
 * exits this backend handles are spelled out, the rest is the union's 256-byte padding) and the
 * sync-regs area as opaque bytes.
 */
public final class RunLayout {
    private static final UnionLayout EXIT = MemoryLayout.unionLayout(
            MemoryLayout.structLayout(u64("hardware_exit_reason")).withName("hw"),
            MemoryLayout.structLayout(u64("hardware_entry_failure_reason"), u32("cpu"),
                    MemoryLayout.paddingLayout(4)).withName("fail_entry"),
            MemoryLayout.structLayout(u8("direction"), u8("size"), u16("port"), u32("count"), u64("data_offset"))
                    .withName("io"),
            MemoryLayout.structLayout(u64("phys_addr"), bytes("data", 8), u32("len"), u8("is_write"),
                    MemoryLayout.paddingLayout(3)).withName("mmio"),
            MemoryLayout.structLayout(u32("suberror"), u32("ndata"), array("data", 16, u64("d")))
                    .withName("internal"),
            MemoryLayout.structLayout(u32("type"), u32("ndata"), array("data", 16, u64("d")))
                    .withName("system_event"),
            MemoryLayout.structLayout(u8("vector")).withName("eoi"),
            bytes("padding", 256)).withName("$exit");

    public static final StructLayout KVM_RUN = MemoryLayout.structLayout(
            u8("request_interrupt_window"), u8("immediate_exit"), bytes("padding1", 6),
            u32("exit_reason"), u8("ready_for_interrupt_injection"), u8("if_flag"), u16("flags"),
            u64("cr8"), u64("apic_base"), EXIT, u64("kvm_valid_regs"), u64("kvm_dirty_regs"),
            bytes("s", 2048)).withName("kvm_run");

    static final VarHandle REQUEST_INTERRUPT_WINDOW = handle(KVM_RUN, "request_interrupt_window");
    static final VarHandle IMMEDIATE_EXIT = handle(KVM_RUN, "immediate_exit");
    static final VarHandle EXIT_REASON = handle(KVM_RUN, "exit_reason");
    static final VarHandle READY_FOR_INTERRUPT_INJECTION = handle(KVM_RUN, "ready_for_interrupt_injection");
    static final VarHandle IF_FLAG = handle(KVM_RUN, "if_flag");
    static final VarHandle IO_DIRECTION = handle(KVM_RUN, "$exit.io.direction");
    static final VarHandle IO_SIZE = handle(KVM_RUN, "$exit.io.size");
    static final VarHandle IO_PORT = handle(KVM_RUN, "$exit.io.port");
    static final VarHandle IO_COUNT = handle(KVM_RUN, "$exit.io.count");
    static final VarHandle IO_DATA_OFFSET = handle(KVM_RUN, "$exit.io.data_offset");
    static final VarHandle MMIO_PHYS_ADDR = handle(KVM_RUN, "$exit.mmio.phys_addr");
    static final long MMIO_DATA = offset(KVM_RUN, "$exit.mmio.data");
    static final VarHandle MMIO_LEN = handle(KVM_RUN, "$exit.mmio.len");
    static final VarHandle MMIO_IS_WRITE = handle(KVM_RUN, "$exit.mmio.is_write");
    static final VarHandle FAIL_ENTRY_REASON = handle(KVM_RUN, "$exit.fail_entry.hardware_entry_failure_reason");
    static final VarHandle FAIL_ENTRY_CPU = handle(KVM_RUN, "$exit.fail_entry.cpu");
    static final VarHandle HW_EXIT_REASON = handle(KVM_RUN, "$exit.hw.hardware_exit_reason");
    static final VarHandle INTERNAL_SUBERROR = handle(KVM_RUN, "$exit.internal.suberror");
    static final VarHandle INTERNAL_NDATA = handle(KVM_RUN, "$exit.internal.ndata");
    static final long INTERNAL_DATA = offset(KVM_RUN, "$exit.internal.data");
    static final VarHandle SYSTEM_EVENT_TYPE = handle(KVM_RUN, "$exit.system_event.type");
    static final VarHandle SYSTEM_EVENT_NDATA = handle(KVM_RUN, "$exit.system_event.ndata");
    static final long SYSTEM_EVENT_DATA = offset(KVM_RUN, "$exit.system_event.data");
    static final VarHandle EOI_VECTOR = handle(KVM_RUN, "$exit.eoi.vector");

    private RunLayout() {
    }
}
