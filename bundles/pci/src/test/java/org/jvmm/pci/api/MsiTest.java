package org.jvmm.pci.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.pci.testing.Config.read;
import static org.jvmm.pci.testing.Config.write;

import java.util.List;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.pci.testing.FakeAttachment;
import org.jvmm.pci.testing.Msi;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MsiTest {
    private static final int CAP = 0x40;
    private PciConfigSpace cfg;
    private FakeAttachment att;

    @BeforeEach
    void setUp() {
        cfg = PciConfigSpace.builder(PciIdentity.of(0x1234, 0x11E8, 0, 0xFF0000)).interruptPin(1)
                .msi(4, true).build();
        att = new FakeAttachment(new PciAddress(0, 4, 0), true);
        cfg.pciAttached(att);
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_BUS_MASTER, 0x3);
    }

    @Test
    void capabilityAdvertises64BitMaskingAndVectorCount() {
        assertEquals(0x0184, read(cfg, CAP) >>> 16, "64-bit, per-vector masking, 4 vectors, disabled");
        write(cfg, CAP + 16, -1);
        assertEquals(0xF, read(cfg, CAP + 16), "mask bits exist for the 4 vectors only");
        cfg.pciConfigWrite(CAP, 0x7F << 16, 0xC);
        assertEquals(4, cfg.msi().orElseThrow().enabledVectors(), "multiple message enable is clamped");
    }

    @Test
    void disabledMsiLeavesTheDeviceOnIntx() {
        assertFalse(cfg.signal(0));
        assertTrue(att.msis.isEmpty());
    }

    @Test
    void vectorsModifyTheLowDataBitsWithinTheEnabledCount() {
        program(0xFEE0_0000L, 0x4140, 2);
        assertTrue(cfg.signal(1));
        assertTrue(cfg.signal(3), "beyond the enabled two: dropped, but MSI is on");
        assertEquals(List.of(new Msi(0xFEE0_0000L, 0x4141)), att.msis);
    }

    @Test
    void maskedVectorsPendUntilUnmasked() {
        program(0x1_FEE0_1000L, 0x30, 4);
        write(cfg, CAP + 16, 0b0100);
        assertTrue(cfg.signal(2));
        assertTrue(att.msis.isEmpty());
        assertEquals(0b0100, read(cfg, CAP + 20), "pending bit");
        write(cfg, CAP + 20, 0);
        assertEquals(0b0100, read(cfg, CAP + 20), "pending bits are read-only");
        write(cfg, CAP + 16, 0);
        assertEquals(List.of(new Msi(0x1_FEE0_1000L, 0x32)), att.msis);
        assertEquals(0, read(cfg, CAP + 20));
    }

    @Test
    void intxIsOffWhileMsiIsOnAndMessagesNeedBusMaster() {
        cfg.setIntx(true);
        assertTrue(att.line(1).level);
        program(0xFEE0_0000L, 0x41, 1);
        assertFalse(att.line(1).level, "MSI enabled: INTx must not be asserted");
        cfg.pciConfigWrite(0x04, 0, 0x3);
        assertTrue(cfg.signal(0));
        assertTrue(att.msis.isEmpty(), "no bus mastering, no message");
    }

    private void program(long address, int data, int vectors) {
        write(cfg, CAP + 4, (int) address);
        write(cfg, CAP + 8, (int) (address >>> 32));
        write(cfg, CAP + 12, data);
        int mme = Integer.numberOfTrailingZeros(vectors);
        cfg.pciConfigWrite(CAP, (1 | mme << 4) << 16, 0xC);
        assertEquals(vectors, cfg.msi().orElseThrow().enabledVectors());
    }
}
