package org.jvmm.hv.kvm.impl.ffm;

import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.KVM_MSRS;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.KVM_MSR_ENTRY;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.MSRS_NMSRS;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.MSR_DATA;
import static org.jvmm.hv.kvm.impl.ffm.ListLayouts.MSR_INDEX;

import java.lang.foreign.Arena;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.FpuState;
import org.jvmm.hv.api.GeneralRegisters;

/**
 * A vCPU file descriptor and its mapped {@link KvmRun}. {@link #run()} is the hot path: it reuses
 * one errno buffer and reports failures as {@code -errno} so that EINTR costs no exception.
 */
public final class KvmVcpuFd implements AutoCloseable {
    private final int id;
    private final int fd;
    private final MemorySegment mapping;
    private final KvmRun run;
    private final Arena hotArena = Arena.ofShared();
    private final MemorySegment runErrno = Libc.newErrnoState(hotArena);
    private final AtomicBoolean closed = new AtomicBoolean();

    KvmVcpuFd(int id, int fd, MemorySegment mapping) {
        this.id = id;
        this.fd = fd;
        this.mapping = mapping;
        this.run = new KvmRun(mapping);
    }

    public int id() {
        return id;
    }

    public KvmRun kvmRun() {
        return run;
    }

    /** KVM_RUN: 0 after an exit (see {@link KvmRun#exitReason()}), or {@code -errno} (-EINTR after a kick). */
    public int run() {
        int rc = Libc.ioctl(runErrno, fd, Ioctl.RUN.request(), 0L);
        return rc < 0 ? -Libc.errno(runErrno) : rc;
    }

    public GeneralRegisters getRegs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_REGS);
            exchange(Ioctl.GET_REGS, s);
            return RegisterStructs.readRegs(s);
        }
    }

    public void setRegs(GeneralRegisters r) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_REGS);
            RegisterStructs.writeRegs(s, r);
            exchange(Ioctl.SET_REGS, s);
        }
    }

    public SpecialRegisters getSregs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_SREGS);
            exchange(Ioctl.GET_SREGS, s);
            return RegisterStructs.readSregs(s);
        }
    }

    public void setSregs(SpecialRegisters r) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_SREGS);
            RegisterStructs.writeSregs(s, r);
            exchange(Ioctl.SET_SREGS, s);
        }
    }

    /** x87/MMX/SSE state, from KVM_GET_XSAVE's legacy area. */
    public FpuState getFpu() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_XSAVE);
            exchange(Ioctl.GET_XSAVE, s);
            return RegisterStructs.readFpu(s);
        }
    }

    /** Replaces the x87/MMX/SSE state (KVM_GET_XSAVE, then KVM_SET_XSAVE), keeping the other components. */
    public void setFpu(FpuState state) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_XSAVE);
            exchange(Ioctl.GET_XSAVE, s);
            RegisterStructs.writeFpu(s, state);
            exchange(Ioctl.SET_XSAVE, s);
        }
    }

    public DebugRegisters getDebugRegs() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_DEBUGREGS);
            exchange(Ioctl.GET_DEBUGREGS, s);
            return RegisterStructs.readDebugRegs(s);
        }
    }

    public void setDebugRegs(DebugRegisters r) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(RegisterLayouts.KVM_DEBUGREGS);
            RegisterStructs.writeDebugRegs(s, r);
            exchange(Ioctl.SET_DEBUGREGS, s);
        }
    }

    /**
     * KVM_GET_MSRS for {@code indices}; fills {@code values} and returns how many leading entries KVM
     * read (it stops at the first MSR it does not know).
     */
    public int getMsrs(int[] indices, long[] values) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = msrBuffer(arena, indices, null);
            int n = IoctlCall.withStruct(fd, Ioctl.GET_MSRS, msrDetail(indices), s);
            for (int i = 0; i < n; i++) {
                values[i] = (long) MSR_DATA.get(s, KVM_MSRS.byteSize() + i * KVM_MSR_ENTRY.byteSize());
            }
            return n;
        }
    }

    /** KVM_SET_MSRS; returns how many leading entries KVM accepted. */
    public int setMsrs(int[] indices, long[] values) {
        try (Arena arena = Arena.ofConfined()) {
            return IoctlCall.withStruct(fd, Ioctl.SET_MSRS, msrDetail(indices), msrBuffer(arena, indices, values));
        }
    }

    /** The 1 KiB register page of the in-kernel local APIC. */
    public byte[] getLapic() {
        return getBytes(Ioctl.GET_LAPIC, VmLayouts.KVM_LAPIC_STATE);
    }

    public void setLapic(byte[] regs) {
        setBytes(Ioctl.SET_LAPIC, VmLayouts.KVM_LAPIC_STATE, regs);
    }

    /** kvm_vcpu_events as raw bytes (pending exceptions, interrupt shadow, NMI, SIPI, SMM). */
    public byte[] getEvents() {
        return getBytes(Ioctl.GET_VCPU_EVENTS, VmLayouts.KVM_VCPU_EVENTS);
    }

    public void setEvents(byte[] events) {
        setBytes(Ioctl.SET_VCPU_EVENTS, VmLayouts.KVM_VCPU_EVENTS, events);
    }

    /** Whether an NMI is pending in {@code events} (from {@link #getEvents()}). */
    public static boolean nmiPending(byte[] events) {
        return (byte) VmLayouts.EVENTS_NMI_PENDING.get(MemorySegment.ofArray(events), 0L) != 0;
    }

    public int getMpState() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(VmLayouts.KVM_MP_STATE);
            exchange(Ioctl.GET_MP_STATE, s);
            return (int) VmLayouts.MP_STATE.get(s, 0L);
        }
    }

    public void setMpState(int state) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(VmLayouts.KVM_MP_STATE);
            VmLayouts.MP_STATE.set(s, 0L, state);
            exchange(Ioctl.SET_MP_STATE, s);
        }
    }

    public void setCpuid(List<CpuidEntry> entries) {
        try (Arena arena = Arena.ofConfined()) {
            IoctlCall.withStruct(fd, Ioctl.SET_CPUID2, "vcpu " + id + ", " + entries.size() + " entries",
                    KvmDevice.writeEntries(arena, entries));
        }
    }

    /**
     * KVM_INTERRUPT: queues external interrupt {@code vector} (the PIC's, with a userspace PIC); it is
     * injected once the guest can take it. Returns 0 or {@code -errno} (EEXIST: one is already queued).
     */
    public int interrupt(int vector) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(VmLayouts.KVM_INTERRUPT);
            VmLayouts.INTERRUPT_IRQ.set(s, 0L, vector);
            return IoctlCall.tryWithStruct(fd, Ioctl.INTERRUPT, s);
        }
    }

    /** Unmaps kvm_run and closes the fd. Only when no thread is in {@link #run()}. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            try {
                Libc.unmap("kvm_run of vcpu " + id, mapping);
            } finally {
                hotArena.close();
                Libc.close(fd);
            }
        }
    }

    /** A get or set ioctl on a register struct; the message names the vCPU. */
    private void exchange(Ioctl op, MemorySegment s) {
        IoctlCall.withStruct(fd, op, "vcpu " + id, s);
    }

    private byte[] getBytes(Ioctl op, MemoryLayout layout) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(layout);
            exchange(op, s);
            return s.toArray(ValueLayout.JAVA_BYTE);
        }
    }

    private void setBytes(Ioctl op, MemoryLayout layout, byte[] bytes) {
        if (bytes.length != layout.byteSize()) {
            throw new IllegalArgumentException(op.cName() + ": " + layout.byteSize() + " bytes, got " + bytes.length);
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment s = arena.allocate(layout);
            MemorySegment.copy(bytes, 0, s, ValueLayout.JAVA_BYTE, 0, bytes.length);
            exchange(op, s);
        }
    }

    private String msrDetail(int[] indices) {
        StringBuilder b = new StringBuilder("vcpu ").append(id).append(", msr");
        for (int index : indices) {
            b.append(" 0x").append(Integer.toHexString(index));
        }
        return b.toString();
    }

    private static MemorySegment msrBuffer(Arena arena, int[] indices, long[] values) {
        MemorySegment s = arena.allocate(KVM_MSRS.byteSize() + indices.length * KVM_MSR_ENTRY.byteSize(), 8);
        MSRS_NMSRS.set(s, 0L, indices.length);
        for (int i = 0; i < indices.length; i++) {
            long at = KVM_MSRS.byteSize() + i * KVM_MSR_ENTRY.byteSize();
            MSR_INDEX.set(s, at, indices[i]);
            MSR_DATA.set(s, at, values == null ? 0L : values[i]);
        }
        return s;
    }
}
