package org.jvmm.hv.whp.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.jvmm.hv.whp.impl.ffm.RegisterNames.*;

import java.util.List;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.PartitionConfig;
import org.jvmm.hv.api.VpExit;
import org.jvmm.hv.whp.impl.ffm.WhpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WhpVpRunTest {
    private final FakeWhp whp = new FakeWhp();
    private final RecordingIo io = new RecordingIo();
    private GuestMemory memory;
    private WhpPartition partition;
    private FakeWhp.FakeVp vp0;

    @BeforeEach
    void create() throws Exception {
        memory = GuestMemory.create(GuestMemoryLayout.pc(1 << 20));
        partition = WhpPartition.create(new PartitionConfig(2, memory,
                new CpuModel("host", 2_000_000_000L, false), false), whp);
        vp0 = whp.partition.vps.get(0);
        vp0.sets.clear();
    }

    @AfterEach
    void close() {
        partition.close();
        memory.close();
    }

    private VpExit run(WhpExit... exits) {
        vp0.exits.addAll(List.of(exits));
        return partition.processor(0).run(io);
    }

    @Test
    void portOutGoesToTheChipsetAndRipMovesOn() {
        VpExit exit = run(Exits.out(0x1000, 0x3F8, 1, 0x4142), Exits.halt(0x2000, 2));
        assertEquals(new VpExit.Halted(0x2000), exit);
        assertEquals(List.of("out 0 3f8/1=42"), io.log);
        assertEquals(List.of("set 0 10=1001"), vp0.sets);
    }

    @Test
    void portInMergesIntoRax() {
        io.readValue = 0xAB;
        run(Exits.in(0x1000, 0x60, 1, 0xFFFF_0000L), Exits.halt(0x2000, 2));
        assertEquals(List.of("set 0 0=ffff00ab 10=1001"), vp0.sets);
    }

    @Test
    void haltWithInterruptsEnabledWaitsInsideTheHypervisor() {
        VpExit exit = run(Exits.halt(0x1000, Exits.IF | 2), Exits.halt(0x1001, 2));
        assertEquals(new VpExit.Halted(0x1001), exit);
        assertEquals(2, whp.callsStartingWith("run 0").size());
    }

    @Test
    void tripleFaultIsAShutdown() {
        VpExit.Shutdown s = assertInstanceOf(VpExit.Shutdown.class, run(new WhpExit.Unrecoverable(Exits.vp(0x500, 2, 0))));
        assertEquals(VpExit.ShutdownReason.TRIPLE_FAULT, s.reason());
        assertEquals("processor 0: unrecoverable exception (triple fault) at rip 0x500", s.detail());
    }

    @Test
    void cancelWithoutStopKeepsRunningAndStopReturnsStopped() {
        assertEquals(new VpExit.Halted(1), run(Exits.canceled(), Exits.halt(1, 2)));
        partition.processor(0).requestStop();
        assertEquals(new VpExit.Stopped(), partition.processor(0).run(io));
        assertEquals(2, whp.callsStartingWith("run 0").size(), "a pending stop does not enter the guest");
        partition.processor(0).clearStop();
        assertEquals(new VpExit.Halted(2), run(Exits.halt(2, 2)));
    }

    @Test
    void aStopDuringTheRunEndsItWithTheCanceledExit() {
        vp0.duringRun = () -> partition.processor(0).requestStop();
        assertEquals(new VpExit.Stopped(), run(Exits.canceled()));
        assertEquals(1, vp0.cancels);
    }

    @Test
    void mmioWriteIsEmulated() {
        vp0.registers.put(WHvX64RegisterRcx, new long[] {0x77, 0});
        vp0.registers.put(WHvX64RegisterRip, new long[] {0x1000, 0});
        WhpExit mmio = new WhpExit.MemoryAccess(Exits.vp(0x1000, 2, 0), new byte[] {(byte) 0x89, 0x08}, 1, true, true,
                0xFEC0_0000L, 0xFEC0_0000L);
        run(mmio, Exits.halt(0x2000, 2));
        assertEquals(List.of("mmio write 0 fec00000/4=77"), io.log);
        assertEquals(0x1002, vp0.reg(WHvX64RegisterRip));
        assertEquals(0x77, vp0.reg(WHvX64RegisterRcx));
    }

    @Test
    void anInstructionTheEmulatorLacksIsAnEmulationFailure() {
        vp0.registers.put(WHvX64RegisterRip, new long[] {0x1000, 0});
        WhpExit mmio = new WhpExit.MemoryAccess(Exits.vp(0x1000, 2, 0), new byte[] {0x0F, 0x10, 0x00}, 0, true, true,
                0xFEC0_0000L, 0);
        VpExit.EmulationFailure f = assertInstanceOf(VpExit.EmulationFailure.class, run(mmio));
        assertEquals("MMIO read at 0xfec00000: opcode 0f 10 is not emulated at rip 0x1000", f.detail());
        assertEquals(0x1000, f.rip());
    }

    @Test
    void cpuidFollowsTheModelsX2apicAndMarksTheHypervisor() {
        long ecx = 1L << 21 | 1;
        run(new WhpExit.Cpuid(Exits.vp(0x1000, 2, 2), 1, 0, 0, 0, 0x806F8, ecx, 0x178BFBFF, 0x800), Exits.halt(1, 2));
        assertEquals(List.of("set 0 0=806f8 3=800 1=80000001 2=178bfbff 10=1002"), vp0.sets);
    }

    @Test
    void unhandledMsrsReadZeroAndIgnoreWrites() {
        run(new WhpExit.MsrAccess(Exits.vp(0x1000, 2, 2), false, 0x4B564D00, 5, 6),
                new WhpExit.MsrAccess(Exits.vp(0x1002, 2, 2), true, 0x4B564D01, 5, 6), Exits.halt(1, 2));
        assertEquals(List.of("set 0 0=0 2=0 10=1002", "set 0 10=1004"), vp0.sets);
        InspectNode node = new InspectNode();
        partition.processor(0).inspect(node);
        assertEquals("0x4b564d01", node.at("exitsByReason/lastUnhandledMsr").orElseThrow().toString());
    }

    @Test
    void eoiReachesTheChipset() {
        run(new WhpExit.ApicEoi(Exits.vp(0, 2, 0), 0x31), Exits.halt(1, 2));
        assertEquals(List.of("eoi 49"), io.log);
    }

    @Test
    void debugExceptionsBecomeDebugExits() {
        WhpExit step = new WhpExit.GuestException(Exits.vp(0x1234, 2, 0), new byte[0], 1, false, false, 0, 1L << 14);
        assertEquals(new VpExit.Debug(VpExit.DebugReason.SINGLE_STEP, 0x1234), run(step));
        vp0.registers.put(WHvX64RegisterDr7, new long[] {0x1 | 0x1L << 16, 0});
        WhpExit watch = new WhpExit.GuestException(Exits.vp(0x1240, 2, 0), new byte[0], 1, false, false, 0, 1);
        assertEquals(new VpExit.Debug(VpExit.DebugReason.WATCHPOINT, 0x1240), run(watch));
    }

    @Test
    void aFailingRunCallIsAnEmulationFailureNamingTheCall() {
        whp.failOn = c -> c.equals("run 0");
        VpExit.EmulationFailure f = assertInstanceOf(VpExit.EmulationFailure.class, run(Exits.halt(0, 2)));
        assertEquals("WHvRunVirtualProcessor failed: HRESULT 0x80004005 (E_FAIL)", f.detail());
    }

    @Test
    void picInterruptsWaitForTheWindowThenAreInjected() {
        partition.setPicOutput(true);
        VpExit exit = run(new WhpExit.InterruptWindow(Exits.vp(0x1000, Exits.IF | 2, 0), 0), Exits.halt(0x1001, 2));
        assertEquals(new VpExit.Halted(0x1001), exit);
        assertEquals(List.of("pic ack"), io.log);
        assertEquals(List.of("set 0 80000004=2", "set 0 80000000=300001 80000004=0"), vp0.sets);
    }

    @Test
    void aPicInterruptIsInjectedAtOnceWhenTheLastExitAllowsIt() {
        vp0.duringRun = () -> partition.processor(0).requestStop();
        assertEquals(new VpExit.Stopped(), run(new WhpExit.Canceled(Exits.vp(0x1001, Exits.IF | 2, 0), 0)));
        partition.processor(0).clearStop();
        vp0.sets.clear();
        partition.setPicOutput(true);
        assertEquals(new VpExit.Halted(0x1002), run(Exits.halt(0x1002, 2)));
        assertEquals(List.of("pic ack"), io.log);
        assertEquals(List.of("set 0 80000000=300001 80000004=0"), vp0.sets);
    }
}
