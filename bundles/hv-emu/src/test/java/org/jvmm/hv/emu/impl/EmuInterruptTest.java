package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VpExit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A halted processor (IF=1) sleeps until an interrupt from another thread wakes it: an MSI through the
 * partition, or the PIC's INTR through LINT0 in ExtINT mode. The handler runs through the IDT, writes
 * to the serial port and EOIs the local APIC through its MMIO page.
 */
@Timeout(20)
class EmuInterruptTest {
    /**
     * Enables the APIC (SVR = 0x1ff through its MMIO page), then loops {@code sti; hlt} until the handler
     * has set the flag byte, then writes 'D' and halts with interrupts off.
     */
    static final String ENABLE_APIC = String.join(" ",
            "b8 f0 00 e0 fe", //          mov eax, 0xfee000f0
            "c7 00 ff 01 00 00"); //      mov dword [rax], 0x1ff

    static final String WAIT_LOOP = String.join(" ",
            "fb", //                      loop: sti
            "f4", //                      hlt
            "80 3c 25 00 50 00 00 00", // cmp byte [0x5000], 0
            "74 f4", //                   je loop
            "fa", //                      cli
            "66 ba f8 03 b0 44 ee", //    mov dx, 0x3f8; mov al, 'D'; out dx, al
            "f4"); //                     hlt

    static final String WAIT_FOR_INTERRUPT = ENABLE_APIC + " " + WAIT_LOOP;

    /** Arms the APIC timer: divide by 1, one-shot vector 0x43, 20 ms (20,000,000 bus ticks at 1 GHz). */
    static final String ARM_TIMER = String.join(" ",
            "b8 e0 03 e0 fe  c7 00 0b 00 00 00", // divide configuration = 0xb (by 1)
            "b8 20 03 e0 fe  c7 00 43 00 00 00", // LVT timer = vector 0x43, one-shot, unmasked
            "b8 80 03 e0 fe  c7 00 00 2d 31 01"); // initial count = 20,000,000

    /** Sets the flag, writes {@code c} to the serial port, EOIs the local APIC, IRETQ. */
    static String handler(char c, String extra) {
        return String.join(" ",
                "c6 04 25 00 50 00 00 01", //         mov byte [0x5000], 1
                "66 ba f8 03 b0 " + hex(c) + " ee", // mov dx, 0x3f8; mov al, c; out dx, al
                extra,
                "b8 b0 00 e0 fe", //                  mov eax, 0xfee000b0
                "c7 00 00 00 00 00", //               mov dword [rax], 0 (EOI)
                "48 cf"); //                          iretq
    }

    private static String hex(char c) {
        return String.format("%02x", (int) c);
    }

    private EmuMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = new EmuMachine(1);
        m.load(EmuMachine.CODE, WAIT_FOR_INTERRUPT);
        m.longMode(0, EmuMachine.CODE);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void anMsiFromAnotherThreadWakesTheHaltedProcessorAndRunsItsHandler() throws Exception {
        m.gate(0x41, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, handler('I', ""));

        FutureTask<VpExit> run = m.start(0);
        m.awaitState(0, "halted");
        m.partition.requestInterrupt(new InterruptRequest.Msi(0xFEE0_0000L, 0x41));

        VpExit exit = run.get(5, TimeUnit.SECONDS);
        assertInstanceOf(VpExit.Halted.class, exit);
        assertEquals("ID", m.io.text(0, EmuMachine.SERIAL));
        assertEquals(List.of(), m.io.eois, "an edge-triggered vector is not broadcast");
    }

    @Test
    void aLevelTriggeredFixedInterruptIsBroadcastOnEoi() throws Exception {
        m.gate(0x52, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, handler('L', ""));

        FutureTask<VpExit> run = m.start(0);
        m.awaitState(0, "halted");
        m.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x52, true));

        assertInstanceOf(VpExit.Halted.class, run.get(5, TimeUnit.SECONDS));
        assertEquals("LD", m.io.text(0, EmuMachine.SERIAL));
        assertEquals(List.of(0x52), m.io.eois);
    }

    @Test
    void aHaltedProcessorSleepsUntilItsApicTimerFires() throws Exception {
        m.load(EmuMachine.CODE, ENABLE_APIC + " " + ARM_TIMER + " " + WAIT_LOOP);
        m.gate(0x43, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, handler('T', ""));

        long start = System.nanoTime();
        VpExit exit = m.vp(0).run(m.io);
        long elapsedMs = (System.nanoTime() - start) / 1_000_000;

        assertInstanceOf(VpExit.Halted.class, exit);
        assertEquals("TD", m.io.text(0, EmuMachine.SERIAL));
        assertTrue(elapsedMs >= 19, "the timer fired after " + elapsedMs + " ms");
        long retired = m.vp(0).instructionsRetired();
        assertTrue(retired < 100, "the processor slept instead of spinning: " + retired + " instructions");
    }

    @Test
    void thePicOutputReachesTheBspAsExtInt() throws Exception {
        m.gate(0x30, EmuMachine.HANDLER);
        m.load(EmuMachine.HANDLER, handler('P', "b0 20 e6 20")); // mov al, 0x20; out 0x20, al (PIC EOI)
        m.io.picVectors.add(0x30);
        m.io.onWrite = w -> {
            if (w.port() == 0x20 && w.value() == 0x20) {
                m.partition.setPicOutput(false);
            }
        };

        FutureTask<VpExit> run = m.start(0);
        m.awaitState(0, "halted");
        m.partition.setPicOutput(true);

        assertInstanceOf(VpExit.Halted.class, run.get(5, TimeUnit.SECONDS));
        assertEquals("PD", m.io.text(0, EmuMachine.SERIAL));
    }
}
