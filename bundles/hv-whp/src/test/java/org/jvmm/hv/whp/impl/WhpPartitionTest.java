package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import java.util.List;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.guestmem.RamRange;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.DebugRegisters;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.X86Msr;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WhpPartitionTest {
    private static final long MIB = 1 << 20;
    private final FakeWhp whp = new FakeWhp();
    private GuestMemory memory;

    @AfterEach
    void closeMemory() {
        if (memory != null) {
            memory.close();
        }
    }

    private WhpPartition create(int processors, GuestMemoryLayout layout, CpuModel model) throws Exception {
        memory = GuestMemory.create(layout);
        return WhpPartition.create(new PartitionConfig(processors, memory, model, false), whp);
    }

    private WhpPartition create(int processors) throws Exception {
        return create(processors, GuestMemoryLayout.pc(16 * MIB), CpuModel.QEMU64);
    }

    private List<String> setupCalls() {
        return whp.calls.stream().filter(c -> !c.startsWith("set ")).toList();
    }

    @Test
    void createsConfiguresMapsAndPowersOn() throws Exception {
        create(2);
        assertEquals(List.of("capability 1", "capability 2", "createPartition", "property 0x1fff = 0x2",
                "property 0x1 = 0x7", "property 0x1003 = [1]", "property 0x2 = 0x0", "property 0x1005 = 0x2", "setup",
                "map 0x0 size 0x1000000 flags 7", "createVp 0", "createVp 1"), setupCalls());
        FakeWhp.FakeVp bsp = whp.partition.vps.get(0);
        FakeWhp.FakeVp ap = whp.partition.vps.get(1);
        assertEquals(0xFFF0, bsp.reg(WHvX64RegisterRip));
        assertEquals(0xFFFF_0000L, bsp.reg(WHvX64RegisterCs));
        assertEquals(0x6000_0010L, bsp.reg(WHvX64RegisterCr0));
        assertEquals(0xFEE0_0900L, bsp.reg(WHvX64RegisterApicBase));
        assertEquals(0, bsp.reg(WHvRegisterInternalActivityState));
        assertEquals(0xFEE0_0800L, ap.reg(WHvX64RegisterApicBase));
        assertEquals(1, ap.reg(WHvRegisterInternalActivityState), "the AP waits for INIT/SIPI");
    }

    @Test
    void everyRamRangeIsMappedAndTheHoleIsNot() throws Exception {
        GuestMemoryLayout layout = new GuestMemoryLayout(List.of(new RamRange(0, MIB, 0),
                new RamRange(GuestMemoryLayout.PC_MMIO_HOLE_END, MIB, MIB)), GuestMemoryLayout.PC_MMIO_HOLE_START,
                GuestMemoryLayout.PC_MMIO_HOLE_END);
        create(1, layout, CpuModel.QEMU64);
        assertEquals(List.of("map 0x0 size 0x100000 flags 7", "map 0x100000000 size 0x100000 flags 7"),
                whp.callsStartingWith("map"));
    }

    @Test
    void withoutX2apicEmulationTheApicIsXapic() throws Exception {
        whp.failOn = c -> c.equals("property 0x1005 = 0x2");
        WhpPartition p = create(1);
        assertTrue(whp.calls.contains("property 0x1005 = 0x1"));
        InspectNode node = new InspectNode();
        p.inspect(node);
        assertEquals("xapic", node.at("localApic").orElseThrow());
    }

    @Test
    void anOldHostWithoutExtendedExitsGetsNone() throws Exception {
        whp.capabilities.put(2, 0L);
        create(1);
        assertEquals(List.of("property 0x1fff = 0x1", "property 0x1005 = 0x2"), whp.callsStartingWith("property"));
    }

    @Test
    void noLocalApicEmulationIsRefusedAndThePartitionDeleted() {
        whp.capabilities.put(1, 0L);
        HypervisorException e = assertThrows(HypervisorException.class, () -> create(1));
        assertTrue(e.getMessage().contains("no local APIC emulation"), e.getMessage());
        assertTrue(whp.calls.contains("deletePartition"));
    }

    @Test
    void aFailureHalfwayReleasesWhatWasCreated() {
        whp.failOn = c -> c.equals("createVp 1");
        HypervisorException e = assertThrows(HypervisorException.class, () -> create(2));
        assertEquals("WHvCreateVirtualProcessor failed: HRESULT 0x80004005 (E_FAIL)", e.getMessage());
        assertEquals(List.of("deleteVp 0", "unmap 0x0 size 0x1000000", "deletePartition"),
                whp.calls.subList(whp.calls.indexOf("createVp 1") + 1, whp.calls.size()));
    }

    @Test
    void deterministicTimeIsRefused() {
        memory = null;
        HypervisorException e = assertThrows(HypervisorException.class, () -> {
            memory = GuestMemory.create(GuestMemoryLayout.flat(MIB));
            WhpPartition.create(new PartitionConfig(1, memory, CpuModel.QEMU64, true), whp);
        });
        assertTrue(e.getMessage().contains("--hypervisor emu"), e.getMessage());
        assertEquals(List.of(), whp.calls);
    }

    @Test
    void interruptsGoToTheHypervisorApic() throws Exception {
        WhpPartition p = create(2);
        p.requestInterrupt(new InterruptRequest.Fixed(1, false, 0x41, true));
        p.requestInterrupt(new InterruptRequest.Msi(0xFEE0_1004L, 0x0141));
        p.requestInterrupt(new InterruptRequest.StartupIpi(1, false, 0x9A));
        assertEquals(List.of("interrupt 0x1000 dest 1 vector 65", "interrupt 0x101 dest 1 vector 65",
                "interrupt 0x6 dest 1 vector 154"), whp.callsStartingWith("interrupt"));
    }

    @Test
    void extIntRequestsKickTheirProcessorAndUnroutableOnesAreCounted() throws Exception {
        WhpPartition p = create(2);
        p.requestInterrupt(new InterruptRequest.Msi(0xFEE0_1000L, 0x0700));
        p.requestInterrupt(new InterruptRequest.Msi(0xFEE0_0000L, 0x0200));
        assertEquals(List.of("cancel 1"), whp.callsStartingWith("cancel"));
        InspectNode node = new InspectNode();
        p.inspect(node);
        assertEquals(true, node.at("vp/1/extIntWanted").orElseThrow());
        assertEquals(1L, node.at("interruptsDropped").orElseThrow());
        assertEquals("MSI with delivery mode 2 (SMI)", node.at("lastInterruptProblem").orElseThrow());
    }

    @Test
    void aFailedInterruptRequestIsCountedNotThrown() throws Exception {
        WhpPartition p = create(1);
        whp.failOn = c -> c.startsWith("interrupt");
        p.requestInterrupt(new InterruptRequest.Nmi(0, false));
        InspectNode node = new InspectNode();
        p.inspect(node);
        assertEquals(1L, node.at("interruptFailures").orElseThrow());
    }

    @Test
    void picOutputKicksProcessorZeroOnRisingEdge() throws Exception {
        WhpPartition p = create(2);
        p.setPicOutput(true);
        p.setPicOutput(true);
        p.setPicOutput(false);
        assertEquals(List.of("cancel 0"), whp.callsStartingWith("cancel"));
    }

    @Test
    void hardwareBreakpointsInterceptDebugExceptions() throws Exception {
        WhpPartition p = create(2);
        p.processor(1).setDebugRegisters(new DebugRegisters(0x1000, 0, 0, 0, 0xFFFF0FF0L, 0x401));
        p.processor(0).setDebugRegisters(DebugRegisters.RESET);
        p.processor(1).setDebugRegisters(DebugRegisters.RESET);
        assertEquals(List.of("property 0x2 = 0x2", "property 0x2 = 0x0"),
                whp.calls.subList(whp.calls.indexOf("createVp 1"), whp.calls.size()).stream()
                        .filter(c -> c.startsWith("property")).toList());
    }

    @Test
    void msrsMapToWhpRegistersAndSegmentBases() throws Exception {
        WhpPartition p = create(1);
        var vp = p.processor(0);
        vp.writeMsr(X86Msr.LSTAR, 0xFFFF_FFFF_8100_0000L);
        vp.writeMsr(X86Msr.GS_BASE, 0x7000);
        assertEquals(0xFFFF_FFFF_8100_0000L, vp.readMsr(X86Msr.LSTAR));
        assertEquals(0x7000, vp.readMsr(X86Msr.GS_BASE));
        assertEquals(0x7000, vp.segmentRegisters().gs().base());
        assertEquals(0x7000, whp.partition.vps.get(0).reg(WHvX64RegisterGs));
        HypervisorException e = assertThrows(HypervisorException.class, () -> vp.readMsr(0x1234));
        assertEquals("MSR 0x1234: hv-whp has no WHP register for it", e.getMessage());
    }

    @Test
    void closeDeletesProcessorsMappingsAndPartitionOnce() throws Exception {
        WhpPartition p = create(2);
        int before = whp.calls.size();
        p.close();
        p.close();
        assertEquals(List.of("cancel 0", "cancel 1", "deleteVp 0", "deleteVp 1", "unmap 0x0 size 0x1000000",
                "deletePartition"), whp.calls.subList(before, whp.calls.size()));
        p.processor(0).clearStop();
        assertEquals(new org.jvmm.hv.api.VpExit.Stopped(), p.processor(0).run(new RecordingIo()),
                "a closed partition's processors stay stopped");
    }
}
