package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import org.jvmm.hv.api.InterruptRequest;
import org.jvmm.hv.api.VpExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An interrupt that arrives together with a request to end the CPU's slice is not lost. */
@Timeout(20)
class EmuStopAndKickTest {
    @Test
    void anInterruptPendingWhenASliceEndRequestIsTakenIsStillDelivered() throws Exception {
        try (EmuMachine m = new EmuMachine(1, true)) {
            m.vp(0).writeMsr(0x1B, 0xFEE0_0C00L); // x2APIC
            m.vp(0).writeMsr(0x80F, 0x1FF);
            // Arming the timer ends the CPU's next slice at once (the VP loop re-sizes it for the deadline).
            m.vp(0).writeMsr(0x832, 0x2_0031);
            m.vp(0).writeMsr(0x838, 1_000_000);
            m.load(EmuMachine.CODE, "fb 90 fa f4"); // sti; nop; cli; hlt
            m.gate(0x61, EmuMachine.HANDLER);
            m.load(EmuMachine.HANDLER, "f4"); // hlt (interrupts off)
            m.longMode(0, EmuMachine.CODE);
            m.partition.requestInterrupt(new InterruptRequest.Fixed(0, false, 0x61, false));
            VpExit exit = m.vp(0).run(m.io);
            assertInstanceOf(VpExit.Halted.class, exit);
            assertEquals(EmuMachine.HANDLER + 1, m.vp(0).generalRegisters().rip(), "0x61 was taken after the nop");
        }
    }
}
