package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Running 64-bit guest code: port output, halts, stop requests, shutdowns and emulation failures. */
@Timeout(20)
class EmuRunTest {
    /** mov dx, 0x3f8; mov al, 'h'; out dx, al; mov al, 'i'; out dx, al; mov al, 10; out dx, al; hlt */
    static final String HELLO = "66 ba f8 03  b0 68 ee  b0 69 ee  b0 0a ee  f4";

    private EmuMachine m;

    @BeforeEach
    void setUp() throws Exception {
        m = new EmuMachine(1);
    }

    @AfterEach
    void tearDown() {
        m.close();
    }

    @Test
    void writesToTheSerialPortThenHaltsWithInterruptsOff() {
        m.load(EmuMachine.CODE, HELLO);
        m.longMode(0, EmuMachine.CODE);

        VpExit exit = m.vp(0).run(m.io);

        assertEquals(new VpExit.Halted(EmuMachine.CODE + EmuMachine.length(HELLO)), exit);
        assertEquals("hi\n", m.io.text(0, EmuMachine.SERIAL));
        assertEquals(8, m.vp(0).instructionsRetired());
        assertEquals(EmuMachine.CODE + EmuMachine.length(HELLO), m.vp(0).generalRegisters().rip());
    }

    /**
     * Code that DMA replaces after the processor decoded it runs in its new form (the write goes
     * through GuestMemory, as devices and loaders write, and reaches hv-emu's code tracking the way
     * DMA snoops a hardware CPU's caches). The "device" here rewrites the routine when it sees the
     * routine's first port write.
     */
    @Test
    void codeRewrittenByDmaRunsInItsNewForm() {
        m.load(EmuMachine.CODE, String.join(" ",
                "b9 03 00 00 00", //    mov ecx, 3
                "e8 f6 00 00 00", //    loop: call CODE + 0x100
                "ff c9  75 f7", //      dec ecx; jnz loop
                "f4")); //              hlt
        m.load(EmuMachine.CODE + 0x100, "b0 31  e6 80  c3"); // mov al, '1'; out 0x80, al; ret
        m.io.onWrite = w -> {
            if (w.port() == 0x80 && w.value() == '1') {
                m.memory.write(EmuMachine.CODE + 0x101, new byte[] {'2'}, 0, 1);
            }
        };
        m.longMode(0, EmuMachine.CODE);

        assertInstanceOf(VpExit.Halted.class, m.vp(0).run(m.io));
        assertEquals("122", m.io.text(0, 0x80));
    }

    @Test
    void cpuidAnnouncesTheApicFeaturesAndTheTscFrequency() {
        m.load(EmuMachine.CODE, String.join(" ",
                "b8 01 00 00 00  0f a2", //          mov eax, 1; cpuid
                "89 0c 25 10 50 00 00", //           mov [0x5010], ecx
                "b8 10 00 00 40  0f a2", //          mov eax, 0x40000010; cpuid
                "89 04 25 18 50 00 00", //           mov [0x5018], eax
                "f4"));
        m.longMode(0, EmuMachine.CODE);

        assertInstanceOf(VpExit.Halted.class, m.vp(0).run(m.io));

        int ecx = m.memory.read32(0x5010);
        assertTrue((ecx & 1 << 21) != 0, "x2APIC");
        assertTrue((ecx & 1 << 24) != 0, "TSC deadline");
        assertEquals(2_000_000, m.memory.read32(0x5018), "TSC kHz of qemu64");
    }

    @Test
    void inspectShowsTheModeAndWhereTheProcessorIs() {
        m.load(EmuMachine.CODE, HELLO);
        m.longMode(0, EmuMachine.CODE);
        m.vp(0).run(m.io);

        InspectNode node = new InspectNode();
        m.partition.inspect(node);

        assertEquals("long", node.at("vp/0/mode").orElseThrow());
        assertEquals(0, node.at("vp/0/cpl").orElseThrow());
        assertEquals(8L, node.at("vp/0/instructionsRetired").orElseThrow());
        assertEquals("0008:10000e", node.at("vp/0/csRip").orElseThrow());
        assertEquals("0x80010031", node.at("vp/0/cr0").orElseThrow().toString());
        assertEquals("0xd01", node.at("vp/0/efer").orElseThrow().toString());
        assertEquals(true, node.at("vp/0/apic/bsp").orElseThrow());
        assertEquals(true, node.at("apic/0").isPresent());
    }

    @Test
    void requestStopEndsABusyLoopAndClearStopLetsItRunAgain() throws Exception {
        m.load(EmuMachine.CODE, "eb fe"); // jmp $
        m.longMode(0, EmuMachine.CODE);

        FutureTask<VpExit> run = m.start(0);
        m.awaitState(0, "running");
        Thread.sleep(50);
        m.vp(0).requestStop();
        assertEquals(new VpExit.Stopped(), run.get(5, TimeUnit.SECONDS));
        long retired = m.vp(0).instructionsRetired();
        assertTrue(retired > 1000, "retired " + retired);

        assertEquals(new VpExit.Stopped(), m.vp(0).run(m.io), "the stop stays pending until cleared");
        m.vp(0).clearStop();
        FutureTask<VpExit> again = m.start(0);
        m.awaitState(0, "running");
        m.vp(0).requestStop();
        assertEquals(new VpExit.Stopped(), again.get(5, TimeUnit.SECONDS));
        assertTrue(m.vp(0).instructionsRetired() > retired);
    }

    @Test
    void requestStopWakesAProcessorSleepingInHalt() throws Exception {
        m.load(EmuMachine.CODE, "fb f4 eb fd"); // sti; hlt; jmp back to hlt
        m.longMode(0, EmuMachine.CODE);

        FutureTask<VpExit> run = m.start(0);
        m.awaitState(0, "halted");
        long retired = m.vp(0).instructionsRetired();
        Thread.sleep(50);
        assertEquals(retired, m.vp(0).instructionsRetired(), "a halted processor does not run");
        m.vp(0).requestStop();

        assertEquals(new VpExit.Stopped(), run.get(5, TimeUnit.SECONDS));
        assertEquals(EmuMachine.CODE + 2, m.vp(0).generalRegisters().rip());
    }

    @Test
    void aTripleFaultIsAShutdownNamingTheInstruction() {
        m.load(EmuMachine.CODE, "0f 0b"); // ud2 with an empty IDT: #UD, #GP, #DF, shutdown
        m.longMode(0, EmuMachine.CODE, 0);

        VpExit exit = m.vp(0).run(m.io);

        VpExit.Shutdown s = assertInstanceOf(VpExit.Shutdown.class, exit);
        assertEquals(VpExit.ShutdownReason.TRIPLE_FAULT, s.reason());
        assertTrue(s.detail().contains("0008:"), s.detail());
        assertTrue(s.detail().contains("bytes: "), s.detail());
        assertEquals(exit, m.vp(0).run(m.io), "a processor in shutdown stays there");
    }

    @Test
    void executingOutsideRamIsAnEmulationFailure() {
        // Power-on state: F000:FFF0 is 0xFFFFFFF0, in the PC MMIO hole, where no firmware is mapped.
        VpExit exit = m.vp(0).run(m.io);

        VpExit.EmulationFailure f = assertInstanceOf(VpExit.EmulationFailure.class, exit);
        assertEquals(0xFFF0, f.rip());
        assertTrue(f.detail().contains("f000:fff0"), f.detail());
        assertTrue(f.detail().contains("is not RAM"), f.detail());
    }

    @Test
    void anInstructionThisCpuLacksIsAnEmulationFailureShowingItsBytes() {
        m.load(EmuMachine.CODE, "b0 01  0f 0e  f4"); // mov al, 1; femms (3DNow!); hlt
        m.longMode(0, EmuMachine.CODE, 0);

        VpExit exit = m.vp(0).run(m.io);

        VpExit.EmulationFailure f = assertInstanceOf(VpExit.EmulationFailure.class, exit);
        assertEquals(EmuMachine.CODE + 2, f.rip());
        assertTrue(f.detail().contains("not implemented"), f.detail());
        assertTrue(f.detail().contains("bytes: 0f 0e f4"), f.detail());
    }
}
