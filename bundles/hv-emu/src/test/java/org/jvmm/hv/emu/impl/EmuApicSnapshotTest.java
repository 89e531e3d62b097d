package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.api.CpuModel;
import org.jvmm.hv.api.HypervisorException;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VirtualProcessor;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local APIC through a snapshot of the whole partition, as the hv-api caller sees it (x2APIC MSRs). */
@Timeout(20)
class EmuApicSnapshotTest {
    static final int APIC_BASE = 0x1B, TSC = 0x10, X2APIC = 0x800;
    static final int TPR = X2APIC + 0x08, PPR = X2APIC + 0x0A, SVR = X2APIC + 0x0F, ISR = X2APIC + 0x10,
            TMR = X2APIC + 0x18, IRR = X2APIC + 0x20, ICR = X2APIC + 0x30, LVT_TIMER = X2APIC + 0x32,
            LVT_PERF = X2APIC + 0x34, LVT_LINT0 = X2APIC + 0x35, LVT_LINT1 = X2APIC + 0x36,
            LVT_ERROR = X2APIC + 0x37, TIMER_INITIAL = X2APIC + 0x38, TIMER_CURRENT = X2APIC + 0x39,
            TIMER_DIVIDE = X2APIC + 0x3E;
    static final long X2APIC_BASE = 0xFEE0_0000L | 0x800 | 0x400;

    private static void x2apic(VirtualProcessor vp) throws HypervisorException {
        vp.writeMsr(APIC_BASE, X2APIC_BASE);
        vp.writeMsr(SVR, 0x1FF);
    }

    /** Every x2APIC MSR's value, or -1 for one that faults, and IA32_APIC_BASE and the TSC. */
    private static long[] msrs(VirtualProcessor vp) {
        long[] out = new long[0x42];
        for (int i = 0; i < 0x40; i++) {
            try {
                out[i] = vp.readMsr(X2APIC + i);
            } catch (HypervisorException e) {
                out[i] = -1;
            }
        }
        try {
            out[0x40] = vp.readMsr(APIC_BASE);
            out[0x41] = vp.readMsr(TSC);
        } catch (HypervisorException e) {
            throw new AssertionError(e);
        }
        return out;
    }

    private static Object timer(VirtualProcessor vp, String field) {
        InspectNode n = new InspectNode();
        vp.inspect(n);
        return n.at("apic/timer/" + field).orElseThrow();
    }

    @Test
    void anX2apicWithVectorsInServiceAndPendingAndATimerRunningReadsTheSameAfterRestore() throws Exception {
        try (EmuMachine a = new EmuMachine(1, true); EmuMachine b = new EmuMachine(1, true)) {
            VirtualProcessor vp = a.vp(0);
            x2apic(vp);
            vp.writeMsr(LVT_TIMER, 0x2_0031); // periodic, vector 0x31
            vp.writeMsr(TIMER_DIVIDE, 0x3); // by 16
            vp.writeMsr(TIMER_INITIAL, 1_000_000);
            vp.writeMsr(LVT_PERF, 0x1_0044);
            vp.writeMsr(LVT_LINT0, 0x1_0700);
            vp.writeMsr(LVT_LINT1, 0x400);
            vp.writeMsr(LVT_ERROR, 0x3E);
            vp.writeMsr(ICR, 7L << 32 | 0x41); // to APIC 7, which does not exist
            // 2,000 loop instructions (the timer counts), then sti; nop; cli; hlt with 0x61 pending: its
            // handler (hlt, IF=0) stops with 0x61 in service.
            a.load(EmuMachine.CODE, "b9 e8 03 00 00  ff c9  75 fc  fb 90 fa f4");
            a.gate(0x61, EmuMachine.HANDLER);
            a.load(EmuMachine.HANDLER, "f4");
            a.longMode(0, EmuMachine.CODE);
            a.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x61, false));
            assertInstanceOf(VpExit.Halted.class, vp.run(a.io));
            assertEquals(EmuMachine.HANDLER + 1, vp.generalRegisters().rip());
            a.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x72, true));
            a.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x25, false));
            vp.writeMsr(TPR, 0x20);

            SavedBackendState vpState = vp.saveState();
            SavedBackendState partitionState = a.partition.saveState();
            b.memory.segment().copyFrom(a.memory.segment());
            b.partition.restoreState(partitionState);
            b.vp(0).restoreState(vpState);
            VirtualProcessor r = b.vp(0);

            assertEquals(java.util.Arrays.toString(msrs(vp)), java.util.Arrays.toString(msrs(r)));
            assertEquals(X2APIC_BASE | 0x100, r.readMsr(APIC_BASE), "x2APIC mode, BSP");
            assertEquals(0x20, r.readMsr(TPR));
            assertEquals(0x60, r.readMsr(PPR), "PPR from the in-service 0x61");
            assertEquals(1L << (0x61 - 96), r.readMsr(ISR + 3));
            assertEquals(1L << (0x72 - 96), r.readMsr(IRR + 3));
            assertEquals(1L << (0x25 - 32), r.readMsr(IRR + 1));
            assertEquals(1L << (0x72 - 96), r.readMsr(TMR + 3), "0x72 is level-triggered");
            assertEquals(7L << 32 | 0x41, r.readMsr(ICR));
            assertEquals(0x1_0700, r.readMsr(LVT_LINT0));
            long count = r.readMsr(TIMER_CURRENT);
            assertTrue(count > 0 && count < 1_000_000, "current count " + count);
            assertEquals(timer(vp, "nanosToExpiry"), timer(r, "nanosToExpiry"));
            assertEquals(timer(vp, "currentCount"), timer(r, "currentCount"));
            assertEquals(vp.generalRegisters(), r.generalRegisters());
        }
    }

    @Test
    void anApWithInitAndSipiPendingStartsAtTheSipiVectorAfterRestore() throws Exception {
        try (EmuMachine a = new EmuMachine(2, true); EmuMachine b = new EmuMachine(2, true)) {
            a.load(0x9A000, "f4"); // hlt, interrupts off
            a.partition.requestInterrupt(new InterruptRequest.Init(1, false));
            a.partition.requestInterrupt(new InterruptRequest.StartupIpi(1, false, 0x9A));
            b.memory.segment().copyFrom(a.memory.segment());
            b.partition.restoreState(a.partition.saveState());
            b.vp(0).restoreState(a.vp(0).saveState());
            b.vp(1).restoreState(a.vp(1).saveState());

            VpExit exit = b.start(1).get(5, java.util.concurrent.TimeUnit.SECONDS);
            assertInstanceOf(VpExit.Halted.class, exit);
            assertEquals(0x9A000, b.vp(1).segmentRegisters().cs().base());
            assertEquals(1, b.vp(1).generalRegisters().rip());
        }
    }

    @Test
    void underHostTimeTheTscAndTheApicTimerGoOnFromTheSavedValues() throws Exception {
        long tsc;
        long count;
        SavedBackendState vpState;
        SavedBackendState partitionState;
        try (EmuMachine a = new EmuMachine(1, false)) {
            VirtualProcessor vp = a.vp(0);
            x2apic(vp);
            vp.writeMsr(TSC, 5_000_000_000_000L);
            vp.writeMsr(LVT_TIMER, 0x31); // one-shot
            vp.writeMsr(TIMER_DIVIDE, 0xB); // by 1
            vp.writeMsr(TIMER_INITIAL, 0xFFFF_FFFFL); // 4.3 s
            Thread.sleep(30);
            count = vp.readMsr(TIMER_CURRENT);
            tsc = vp.readMsr(TSC);
            vpState = vp.saveState();
            partitionState = a.partition.saveState();
        }
        try (EmuMachine b = new EmuMachine(1, false)) {
            b.partition.restoreState(partitionState);
            b.vp(0).restoreState(vpState);
            long restoredTsc = b.vp(0).readMsr(TSC);
            long restoredCount = b.vp(0).readMsr(TIMER_CURRENT);
            long twoSeconds = 2 * CpuModel.QEMU64.tscFrequencyHz();
            assertTrue(restoredTsc >= tsc && restoredTsc - tsc < twoSeconds,
                    "TSC " + restoredTsc + " after restore, " + tsc + " when saved");
            assertTrue(restoredCount <= count && count - restoredCount < 2_000_000_000L,
                    "current count " + restoredCount + " after restore, " + count + " when saved");
        }
    }
}
