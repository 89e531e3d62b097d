package org.jvmm.hv.emu.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.jvmm.hv.api.VpExit;
import org.jvmm.inspect.InspectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The BSP starts the AP with INIT and SIPI through its APIC's ICR; the AP runs a real-mode trampoline. */
@Timeout(20)
class EmuSmpTest {
    static final long TRAMPOLINE = 0x8000;

    /** Real mode at 0800:0000: mov byte [0x5000], 'A'; mov al, 'A'; out 0xe9, al; cli; hlt. */
    static final String AP_TRAMPOLINE = "c6 06 00 50 41  b0 41 e6 e9  fa f4";

    static final String BSP = String.join(" ",
            "b8 f0 00 e0 fe  c7 00 ff 01 00 00", // SVR = 0x1ff
            "b8 10 03 e0 fe  c7 00 00 00 00 01", // ICR high: destination APIC 1
            "b8 00 03 e0 fe  c7 00 00 45 00 00", // ICR low: INIT, level assert
            "c7 00 08 46 00 00", //                ICR low: SIPI, vector page 0x08
            "80 3c 25 00 50 00 00 41", //          wait: cmp byte [0x5000], 'A'
            "75 f6", //                            jne wait
            "66 ba f8 03 b0 42 ee", //             mov dx, 0x3f8; mov al, 'B'; out dx, al
            "f4"); //                              hlt

    @Test
    void theBspStartsTheApWithInitAndSipi() throws Exception {
        try (EmuMachine m = new EmuMachine(2)) {
            m.load(EmuMachine.CODE, BSP);
            m.load(TRAMPOLINE, AP_TRAMPOLINE);
            m.longMode(0, EmuMachine.CODE);

            FutureTask<VpExit> ap = m.start(1);
            m.awaitState(1, "waiting-for-sipi");
            FutureTask<VpExit> bsp = m.start(0);

            assertInstanceOf(VpExit.Halted.class, bsp.get(5, TimeUnit.SECONDS));
            VpExit apExit = ap.get(5, TimeUnit.SECONDS);
            assertEquals(new VpExit.Halted(11), apExit, "AP halts after its trampoline");
            assertEquals("A", m.io.text(1, 0xE9));
            assertEquals("B", m.io.text(0, EmuMachine.SERIAL));
            assertEquals('A', m.memory.read8(EmuMachine.FLAG));

            InspectNode n = new InspectNode();
            m.vp(1).inspect(n);
            assertEquals("real", n.at("mode").orElseThrow());
            assertEquals("0800:b", n.at("csRip").orElseThrow());
            assertEquals(false, n.at("waitingForSipi").orElseThrow());
        }
    }
}
