package org.jvmm.hv.whp.impl.ffm;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.hv.api.HypervisorException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class WinHvPlatformTest {
    @Test
    void outsideWindowsTheDllDoesNotLoadAndSaysWhy() {
        Assumptions.assumeFalse(System.getProperty("os.name").startsWith("Windows"), "this host is Windows");
        HypervisorException e = assertThrows(HypervisorException.class, WinHvPlatform::load);
        assertTrue(e.getMessage().startsWith("WinHvPlatform.dll cannot be loaded"), e.getMessage());
    }
}
