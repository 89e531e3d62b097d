package org.jvmm.vmtest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code --deterministic}: the same guest gives the same COM1 output on every run. The apictimer
 * guest prints local APIC timer counts read 1 ms of PIT time apart, so its output depends on
 * every clock the guest sees (instructions, the APIC timer, the PIT) staying in step.
 */
class DeterministicModeTest {
    @BeforeAll
    static void toolchain() {
        Vms.assumeToolchain();
    }

    @Test
    void twoRunsPrintTheSameLines() throws Exception {
        List<String> markers = List.of("apictimer: current count counts down OK");
        VmResult first = Vms.boot(Guest.APICTIMER, "apictimer-deterministic-1", "--deterministic");
        VmResult second = Vms.boot(Guest.APICTIMER, "apictimer-deterministic-2", "--deterministic");
        assertEquals(first.serial(), second.serial(), () -> "COM1 output differs between two --deterministic runs\n"
                + "first run:\n" + first.describe() + "\nsecond run:\n" + second.describe());
        Vms.assertPassed(Guest.APICTIMER, first, markers);
        Vms.assertPassed(Guest.APICTIMER, second, markers);
    }
}
