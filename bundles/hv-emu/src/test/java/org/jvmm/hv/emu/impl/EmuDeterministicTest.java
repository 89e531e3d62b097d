package org.jvmm.hv.emu.impl;

import static org.jvmm.hv.emu.impl.EmuInterruptTest.ARM_TIMER;
import static org.jvmm.hv.emu.impl.EmuInterruptTest.ENABLE_APIC;
import static org.jvmm.hv.emu.impl.EmuInterruptTest.WAIT_LOOP;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.DeviceTimer;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Deterministic mode: guest time is the instruction count; halts skip ahead to the timer; processor 0
 * runs the chipset's device timer at its deadlines.
 */
@Timeout(20)
class EmuDeterministicTest {
    /** sti; loop: inc rcx; cmp byte [0x5000], 0; je loop; cli; hlt. */
    static final String COUNT_UNTIL_INTERRUPT = "fb  48 ff c1  80 3c 25 00 50 00 00 00  74 f3  fa f4";

    /** Stores RCX at 0x5008, sets the flag, EOIs the APIC, IRETQ. */
    static final String STORE_COUNT = String.join(" ",
            "48 89 0c 25 08 50 00 00", // mov [0x5008], rcx
            "c6 04 25 00 50 00 00 01", // mov byte [0x5000], 1
            "b8 b0 00 e0 fe  c7 00 00 00 00 00", // EOI
            "48 cf"); // iretq

    /** Arms a 200 µs one-shot timer and counts loop iterations until it fires. */
    private static long countUntilTimer() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            String arm200us = ARM_TIMER.replace("00 2d 31 01", "40 0d 03 00"); // 200,000 ns
            m.load(EmuMachine.CODE, ENABLE_APIC + " " + arm200us + " " + COUNT_UNTIL_INTERRUPT);
            m.gate(0x43, EmuMachine.HANDLER);
            m.load(EmuMachine.HANDLER, STORE_COUNT);
            m.longMode(0, EmuMachine.CODE);
            assertInstanceOf(VpExit.Halted.class, m.vp(0).run(m.io));
            return m.memory.read64(EmuMachine.FLAG + 8);
        }
    }

    @Test
    void theTimerInterruptsAtTheSameInstructionEveryRun() throws Exception {
        long first = countUntilTimer();
        long second = countUntilTimer();
        assertEquals(first, second);
        // Three instructions per iteration: the 200 us (200,000 instruction) timer ends the loop after
        // about 66,666 of them, although the first slice was sized before the guest armed the timer.
        assertTrue(first > 66_000 && first < 66_700, "loop iterations before the timer: " + first);
    }

    /** loop: inc rcx; cmp byte [0x5000], 0; je loop; mov [0x5008], rcx; cli; hlt. */
    static final String COUNT_UNTIL_FLAG = "48 ff c1  80 3c 25 00 50 00 00 00  74 f3  48 89 0c 25 08 50 00 00  fa f4";

    /** A device timer due once at {@code deadline}, recording when and on which thread it ran. */
    private static final class OneShot implements DeviceTimer {
        final List<Long> runs = new ArrayList<>();
        final List<Thread> threads = new ArrayList<>();
        final Runnable action;
        long deadline;

        OneShot(long deadline, Runnable action) {
            this.deadline = deadline;
            this.action = action;
        }

        @Override
        public long nextDeadlineNanos() {
            return deadline;
        }

        @Override
        public void run(long nowNanos) {
            runs.add(nowNanos);
            threads.add(Thread.currentThread());
            deadline = Long.MAX_VALUE;
            action.run();
        }
    }

    /** Counts loop iterations until a device timer due at 200 us sets the flag; checks when it ran. */
    private static long countUntilDeviceTimer() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            m.load(EmuMachine.CODE, COUNT_UNTIL_FLAG);
            m.longMode(0, EmuMachine.CODE);
            OneShot timer = new OneShot(200_000, () -> m.memory.write8(EmuMachine.FLAG, (byte) 1));
            DeterministicTime time = m.partition.deterministicTime().orElseThrow();
            time.setDeviceTimer(timer);
            assertInstanceOf(VpExit.Halted.class, m.vp(0).run(m.io));
            assertEquals(List.of(200_000L), timer.runs, "the slice ends exactly at the device deadline");
            assertEquals(List.of(Thread.currentThread()), timer.threads, "run on processor 0's thread");
            return m.memory.read64(EmuMachine.FLAG + 8);
        }
    }

    @Test
    void aDeviceDeadlineIsKeptAtTheSameInstructionEveryRun() throws Exception {
        long first = countUntilDeviceTimer();
        assertEquals(first, countUntilDeviceTimer());
        // Three instructions per iteration: 200,000 are 66,666 iterations plus an inc and a cmp that
        // still saw the flag clear, so the loop runs once more and then sees it set.
        assertEquals(66_668, first, "loop iterations before the device timer");
    }

    @Test
    void aHaltSkipsAheadToTheDeviceDeadline() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            m.load(EmuMachine.CODE, ENABLE_APIC + " " + WAIT_LOOP);
            m.gate(0x43, EmuMachine.HANDLER);
            m.load(EmuMachine.HANDLER, EmuInterruptTest.handler('T', ""));
            m.longMode(0, EmuMachine.CODE);
            OneShot timer = new OneShot(2_000_000_000L,
                    () -> m.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x43, false)));
            m.partition.deterministicTime().orElseThrow().setDeviceTimer(timer);

            long start = System.nanoTime();
            VpExit exit = m.vp(0).run(m.io);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertInstanceOf(VpExit.Halted.class, exit);
            assertEquals("TD", m.io.text(0, EmuMachine.SERIAL));
            assertEquals(List.of(2_000_000_000L), timer.runs);
            assertTrue(elapsedMs < 1500, "two guest seconds took " + elapsedMs + " ms");
        }
    }

    @Test
    void onlyDeterministicPartitionsOfferTheirTime() throws Exception {
        try (EmuMachine m = new EmuMachine(1, false)) {
            assertTrue(m.partition.deterministicTime().isEmpty());
        }
    }

    @Test
    void aHaltSkipsAheadToTheTimerInsteadOfWaiting() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            String armTwoSeconds = ARM_TIMER.replace("00 2d 31 01", "00 94 35 77"); // 2,000,000,000 ns
            m.load(EmuMachine.CODE, ENABLE_APIC + " " + armTwoSeconds + " " + WAIT_LOOP);
            m.gate(0x43, EmuMachine.HANDLER);
            m.load(EmuMachine.HANDLER, EmuInterruptTest.handler('T', ""));
            m.longMode(0, EmuMachine.CODE);

            long start = System.nanoTime();
            VpExit exit = m.vp(0).run(m.io);
            long elapsedMs = (System.nanoTime() - start) / 1_000_000;

            assertInstanceOf(VpExit.Halted.class, exit);
            assertEquals("TD", m.io.text(0, EmuMachine.SERIAL));
            assertTrue(elapsedMs < 1500, "two guest seconds took " + elapsedMs + " ms");
            InspectNode n = new InspectNode();
            m.partition.inspect(n);
            assertEquals("instructions (1 instruction = 1 ns)", n.at("time").orElseThrow());
        }
    }
}
