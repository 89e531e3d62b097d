package org.jvmm.hv.kvm.impl;

import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuIo;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.kvm.impl.ffm.KvmDevice;
import org.jvmm.hv.kvm.impl.ffm.NativeCallException;
import org.junit.jupiter.api.Assumptions;

/**
 * A KVM partition over fresh guest memory for one test, with helpers to enter real mode or long mode
 * (flat GDT at 0x1000, identity page tables from 0x10000 mapping the first 5 GiB with 2 MiB pages)
 * and to run processors on their own threads.
 */
final class TinyGuest implements AutoCloseable {
    static final long GDT = 0x1000;
    static final long IDT = 0x4000;
    static final long PML4 = 0x10000;
    static final long STACK = 0x9000;
    static final int CODE64 = 0x08;
    static final int DATA = 0x10;

    final GuestMemory memory;
    final Partition partition;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "kvm-test-vp");
        t.setDaemon(true);
        return t;
    });

    private TinyGuest(GuestMemory memory, Partition partition) {
        this.memory = memory;
        this.partition = partition;
    }

    /** Skips the calling test, saying why, when /dev/kvm does not open here. */
    static void assumeKvm() {
        try (KvmDevice kvm = KvmDevice.open()) {
            Assumptions.assumeTrue(kvm.apiVersion() == 12, "KVM API version is not 12");
        } catch (NativeCallException e) {
            Assumptions.abort("real-KVM tests skipped: " + e.getMessage());
        }
    }

    static TinyGuest create(GuestMemoryLayout layout, int processors) throws IOException, HypervisorException {
        assumeKvm();
        GuestMemory memory = GuestMemory.create(layout);
        try {
            return new TinyGuest(memory, new KvmHypervisor().createPartition(
                    new PartitionConfig(processors, memory, CpuModel.QEMU64, false)));
        } catch (HypervisorException | RuntimeException e) {
            memory.close();
            throw e;
        }
    }

    static TinyGuest small() throws IOException, HypervisorException {
        return create(GuestMemoryLayout.pc(2 << 20), 1);
    }

    VirtualProcessor vp(int index) {
        return partition.processor(index);
    }

    void load(long gpa, byte[] code) {
        memory.write(gpa, code, 0, code.length);
    }

    /** Real mode at 0000:ip with flat 64 KiB segments and the IVT at 0. */
    void realMode(VirtualProcessor vp, int ip) {
        SegmentRegisters s = vp.segmentRegisters();
        Segment code = Segment.real(0, 0xB);
        Segment data = Segment.real(0, 0x3);
        vp.setSegmentRegisters(new SegmentRegisters(code, data, data, data, data, data, s.tr(), s.ldtr(),
                s.gdtr(), new TableRegister(0, 0x3FF)));
        vp.setGeneralRegisters(GeneralRegisters.of(new long[16], ip, GeneralRegisters.RFLAGS_RESERVED)
                .withGpr(4, 0x7000));
    }

    /**
     * Long mode at {@code rip}, set up only through the register API; segments are set before the
     * control registers on purpose (KVM checks them together at the next run).
     */
    void longMode(VirtualProcessor vp, long rip, int idtLimit) {
        memory.write64(GDT + CODE64, 0x00AF_9A00_0000_FFFFL);
        memory.write64(GDT + DATA, 0x00CF_9200_0000_FFFFL);
        memory.write64(PML4, (PML4 + 0x1000) | 3);
        for (int gib = 0; gib < 5; gib++) {
            long pd = PML4 + 0x2000 + gib * 0x1000L;
            memory.write64(PML4 + 0x1000 + 8L * gib, pd | 3);
            for (int i = 0; i < 512; i++) {
                memory.write64(pd + 8L * i, ((long) gib << 30) + ((long) i << 21) | 0x83);
            }
        }
        Segment data = Segment.data(DATA);
        vp.setSegmentRegisters(new SegmentRegisters(Segment.code64(CODE64), data, data, data, data, data,
                new Segment(0, 0, 0x67, 0xB | Segment.P), new Segment(0, 0, 0xFFFF, 0x2 | Segment.P),
                new TableRegister(GDT, 0x17), new TableRegister(IDT, idtLimit)));
        vp.setControlRegisters(new ControlRegisters(
                ControlRegisters.CR0_PE | ControlRegisters.CR0_ET | ControlRegisters.CR0_NE | ControlRegisters.CR0_PG,
                0, PML4, ControlRegisters.CR4_PAE, 0, ControlRegisters.EFER_LME));
        vp.setGeneralRegisters(GeneralRegisters.of(new long[16], rip, GeneralRegisters.RFLAGS_RESERVED)
                .withGpr(4, STACK));
    }

    /** A 64-bit interrupt gate for {@code vector} to {@code handler} in the IDT. */
    void gate64(int vector, long handler) {
        long at = IDT + 16L * vector;
        long low = (handler & 0xFFFF) | (long) CODE64 << 16 | 0x8EL << 40 | (handler >> 16 & 0xFFFF) << 48;
        memory.write64(at, low);
        memory.write64(at + 8, handler >>> 32);
    }

    /** A real-mode IVT entry. */
    void ivt(int vector, int segment, int offset) {
        memory.write16(4L * vector, (short) offset);
        memory.write16(4L * vector + 2, (short) segment);
    }

    Future<VpExit> start(VirtualProcessor vp, CpuIo io) {
        return threads.submit(() -> vp.run(io));
    }

    @Override
    public void close() {
        partition.close();
        threads.shutdownNow();
        memory.close();
    }
}
