package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.api.DeviceTimer;
import org.jvmm.hv.api.GeneralRegisters;
import org.jvmm.hv.api.SavedBackendState;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Deterministic mode: a guest with a periodic APIC timer run N instructions, saved, restored into a
 * fresh partition and run to its end gives exactly what one uninterrupted run gives: the same
 * registers, the same number of timer interrupts, each taken at the same loop count.
 */
@Timeout(30)
class EmuDeterministicSnapshotTest {
    /** The periodic timer: 150,000 bus ticks (ns, so instructions) at divide-by-1. */
    static final long PERIOD = 150_000;
    /** Loop iterations (three instructions each): about 20 timer periods. */
    static final long ITERATIONS = 1_000_000;

    /**
     * Enables the APIC, arms the timer periodic (vector 0x43, divide by 1, 150,000), draws one RDRAND
     * into RBX, counts RCX to 1,000,000 with interrupts on, draws another into RSI, halts with them off.
     */
    static final String MAIN = String.join(" ",
            "b8 f0 00 e0 fe  c7 00 ff 01 00 00", // SVR = 0x1ff
            "b8 e0 03 e0 fe  c7 00 0b 00 00 00", // divide configuration = 0xb (by 1)
            "b8 20 03 e0 fe  c7 00 43 00 02 00", // LVT timer = periodic, vector 0x43
            "b8 80 03 e0 fe  c7 00 f0 49 02 00", // initial count = 150,000
            "48 0f c7 f3", //                      rdrand rbx
            "fb", //                               sti
            "48 ff c1", //                         loop: inc rcx
            "48 81 f9 40 42 0f 00", //             cmp rcx, 1,000,000
            "75 f4", //                            jne loop
            "48 0f c7 f6", //                      rdrand rsi
            "fa f4"); //                           cli; hlt

    /** Records RCX at [0x5010 + 8 * count], counts at [0x5000], EOIs, IRETQ; keeps RAX and RDX. */
    static final String HANDLER = String.join(" ",
            "50 52", //                            push rax; push rdx
            "48 8b 14 25 00 50 00 00", //          mov rdx, [0x5000]
            "48 89 0c d5 10 50 00 00", //          mov [0x5010 + rdx * 8], rcx
            "48 ff 04 25 00 50 00 00", //          inc qword [0x5000]
            "b8 b0 00 e0 fe  c7 00 00 00 00 00", // EOI
            "5a 58", //                            pop rdx; pop rax
            "48 cf"); //                           iretq

    /** What a finished run leaves: registers, the interrupt count and the RCX seen by each interrupt. */
    record Result(GeneralRegisters registers, long interrupts, long[] loopCountAtInterrupt, long nanos) {
    }

    private static void setUp(EmuMachine m) {
        m.load(EmuMachine.CODE, MAIN);
        m.gate(0x43, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, HANDLER);
        m.longMode(0, EmuMachine.CODE);
    }

    private static Result result(EmuMachine m) {
        long count = m.memory.read64(EmuMachine.FLAG);
        long[] at = new long[(int) count];
        for (int i = 0; i < at.length; i++) {
            at[i] = m.memory.read64(EmuMachine.FLAG + 0x10 + 8L * i);
        }
        return new Result(m.vp(0).generalRegisters(), count, at,
                m.partition.deterministicTime().orElseThrow().nanos());
    }

    private static Result uninterrupted() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            setUp(m);
            assertInstanceOf(VpExit.Halted.class, m.vp(0).run(m.io));
            return result(m);
        }
    }

    /** A device timer that stops processor 0 at {@code at} guest nanoseconds (= instructions). */
    private static DeviceTimer stopAt(EmuMachine m, long at) {
        return new DeviceTimer() {
            private long deadline = at;

            @Override
            public long nextDeadlineNanos() {
                return deadline;
            }

            @Override
            public void run(long nowNanos) {
                deadline = Long.MAX_VALUE;
                m.vp(0).requestStop();
            }
        };
    }

    /** Runs {@code n} instructions, saves, restores into a fresh partition and runs that to the end. */
    private static Result splitAt(long n, String inService, String pending) throws Exception {
        try (EmuMachine a = new EmuMachine(1, true); EmuMachine b = new EmuMachine(1, true)) {
            setUp(a);
            a.partition.deterministicTime().orElseThrow().setDeviceTimer(stopAt(a, n));
            assertInstanceOf(VpExit.Stopped.class, a.vp(0).run(a.io));
            assertEquals(n, a.partition.deterministicTime().orElseThrow().nanos(), "stopped after N instructions");
            InspectNode apic = new InspectNode();
            a.vp(0).inspect(apic);
            assertEquals(inService, apic.at("apic/isr").orElseThrow(), "in service at the snapshot");
            assertEquals(pending, apic.at("apic/irr").orElseThrow(), "pending at the snapshot");
            SavedBackendState vp = a.vp(0).saveState();
            SavedBackendState partition = a.partition.saveState();
            long before = a.memory.read64(EmuMachine.FLAG);
            assertTrue(before > 0 && before < 18, "interrupts before the snapshot: " + before);

            b.memory.segment().copyFrom(a.memory.segment());
            b.partition.restoreState(partition);
            b.vp(0).restoreState(vp);
            assertInstanceOf(VpExit.Halted.class, b.vp(0).run(b.io));
            return result(b);
        }
    }

    /**
     * Split points: in the loop; in the handler of the fifth interrupt (0x43 in service, its pushes and
     * loads done); exactly at the eighth timer deadline (0x43 raised into IRR, not yet taken).
     */
    @ParameterizedTest
    @CsvSource({"1234567, '', ''", "750004, 0x43, ''", "1200000, '', 0x43"})
    void aSnapshotRestoredAndRunOnGivesTheUninterruptedResult(long n, String inService, String pending)
            throws Exception {
        Result whole = uninterrupted();
        assertTrue(whole.interrupts() >= 19, "timer interrupts in the whole run: " + whole.interrupts());
        Result split = splitAt(n, inService, pending);
        assertEquals(whole.interrupts(), split.interrupts(), "timer interrupts");
        assertArrayEquals(whole.loopCountAtInterrupt(), split.loopCountAtInterrupt(), "loop count at each interrupt");
        assertEquals(whole.registers(), split.registers());
        assertEquals(ITERATIONS, split.registers().gprs()[1]);
        assertEquals(whole.nanos(), split.nanos(), "guest time at the end");
    }
}
