package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.HexFormat;
import java.util.concurrent.FutureTask;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.Partition;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.Segment;
import org.jvmm.hv.api.SegmentRegisters;
import org.jvmm.hv.api.TableRegister;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;

/**
 * A 16 MiB PC-layout machine on the emu backend, driven only through hv-api: a GDT (null, 64-bit
 * code 0x08, data 0x10), an IDT, identity page tables (the first GiB and the local APIC page, 2 MiB
 * pages) and helpers to put a processor in 64-bit long mode, load hand-assembled code and run it.
 */
final class EmuMachine implements AutoCloseable {
    static final long GDT = 0x1000, IDT = 0x2000, PML4 = 0x10000, PDPT = 0x11000, PD0 = 0x12000, PD3 = 0x13000;
    static final long CODE = 0x100000, HANDLER = 0x101000, STACK_TOP = 0x80000, FLAG = 0x5000;
    static final int CS64 = 0x08, DS = 0x10;
    static final int SERIAL = 0x3F8;

    final GuestMemory memory;
    final Partition partition;
    final RecordingCpuIo io = new RecordingCpuIo();

    EmuMachine(int processors) throws Exception {
        this(processors, false);
    }

    EmuMachine(int processors, boolean deterministic) throws Exception {
        memory = GuestMemory.create(GuestMemoryLayout.pc(16 << 20));
        partition = new EmuHypervisor().createPartition(
                new PartitionConfig(processors, memory, CpuModel.QEMU64, deterministic));
        memory.write64(GDT + CS64, 0x00AF_9A00_0000_FFFFL);
        memory.write64(GDT + DS, 0x00CF_9200_0000_FFFFL);
        memory.write64(PML4, PDPT | 3);
        memory.write64(PDPT, PD0 | 3);
        memory.write64(PDPT + 3 * 8, PD3 | 3);
        for (int i = 0; i < 512; i++) {
            memory.write64(PD0 + i * 8L, (long) i << 21 | 0x83);
        }
        memory.write64(PD3 + 503 * 8, 0xFEE0_0000L & ~0x1F_FFFFL | 0x83 | 0x18);
    }

    VirtualProcessor vp(int index) {
        return partition.processor(index);
    }

    /** Parses hex bytes ("66 ba f8 03") and writes them at {@code gpa}. */
    void load(long gpa, String hex) {
        byte[] b = HexFormat.of().parseHex(hex.replace(" ", ""));
        memory.write(gpa, b, 0, b.length);
    }

    static int length(String hex) {
        return hex.replace(" ", "").length() / 2;
    }

    /** A 64-bit interrupt gate for {@code vector} to {@code handler} (CS 0x08, DPL 0). */
    void gate(int vector, long handler) {
        long low = (handler & 0xFFFF) | (long) CS64 << 16 | 0x8E00L << 32 | (handler >>> 16 & 0xFFFF) << 48;
        memory.write64(IDT + vector * 16L, low);
        memory.write64(IDT + vector * 16L + 8, handler >>> 32);
    }

    static SegmentRegisters longModeSegments(int idtLimit) {
        Segment data = Segment.data(DS);
        return new SegmentRegisters(Segment.code64(CS64), data, data, data, data, data,
                new Segment(0, 0, 0xFFFF, 0x8B), new Segment(0, 0, 0xFFFF, 0x82),
                new TableRegister(GDT, 0x17), new TableRegister(IDT, idtLimit));
    }

    static ControlRegisters longModeControl() {
        return new ControlRegisters(
                ControlRegisters.CR0_PE | ControlRegisters.CR0_ET | ControlRegisters.CR0_NE
                        | ControlRegisters.CR0_WP | ControlRegisters.CR0_PG,
                0, PML4, ControlRegisters.CR4_PAE | ControlRegisters.CR4_OSFXSR | ControlRegisters.CR4_OSXMMEXCPT,
                0, ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA | ControlRegisters.EFER_NXE
                        | ControlRegisters.EFER_SCE);
    }

    /** Puts {@code vp} in flat 64-bit long mode at {@code rip}, CPL 0, interrupts off. */
    void longMode(int vp, long rip, int idtLimit) {
        VirtualProcessor p = vp(vp);
        p.setSegmentRegisters(longModeSegments(idtLimit));
        p.setControlRegisters(longModeControl());
        p.setGeneralRegisters(GeneralRegisters.of(new long[16], rip, GeneralRegisters.RFLAGS_RESERVED)
                .withGpr(4, STACK_TOP));
    }

    void longMode(int vp, long rip) {
        longMode(vp, rip, 0xFFF);
    }

    /** Runs {@code vp} on a new thread. */
    FutureTask<VpExit> start(int vp) {
        FutureTask<VpExit> task = new FutureTask<>(() -> vp(vp).run(io));
        Thread.ofPlatform().name("test-vp-" + vp).daemon(true).start(task);
        return task;
    }

    String state(int vp) {
        InspectNode n = new InspectNode();
        vp(vp).inspect(n);
        return String.valueOf(n.at("state").orElse("?"));
    }

    /** Waits (up to 5 s) until the VP's inspect state is {@code state}. */
    void awaitState(int vp, String state) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!state.equals(state(vp))) {
            if (System.nanoTime() > deadline) {
                fail("vp " + vp + " did not reach state " + state + ", it is " + state(vp));
            }
            Thread.sleep(2);
        }
    }

    @Override
    public void close() {
        partition.close();
        memory.close();
    }
}
