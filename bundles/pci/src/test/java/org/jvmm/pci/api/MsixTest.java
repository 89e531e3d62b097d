package org.jvmm.pci.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.pci.testing.Config.write;

import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.pci.testing.FakeAttachment;
import org.jvmm.pci.testing.Msi;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MsixTest {
    private static final long BAR = 0xC000_0000L;
    private static final long TABLE = BAR + 0x2000;
    private static final long PBA = BAR + 0x3000;
    private final RegisterBar regs = new RegisterBar(0x4000);
    private PciConfigSpace cfg;
    private FakeAttachment att;

    @BeforeEach
    void setUp() {
        cfg = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1041, 1, 0x020000)).interruptPin(1)
                .bar(BarSpec.memory32(0, 0x4000, false, regs)).msix(70, 0, 0x2000, 0, 0x3000).build();
        att = new FakeAttachment(new PciAddress(0, 5, 0), true);
        cfg.pciAttached(att);
        write(cfg, 0x10, (int) BAR);
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER, 0x3);
    }

    @Test
    void tableEntriesStartMaskedAndTakeDwordOrAlignedQwordAccesses() {
        assertEquals(1, att.mmio.read(TABLE + 12, 4), "vector control: masked");
        assertEquals(IoResult.OK, att.mmio.write(TABLE + 16, 8, 0x1_FEE0_0000L));
        assertEquals(0x1_FEE0_0000L, att.mmio.read(TABLE + 16, 8));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, att.mmio.write(TABLE + 4, 8, 0), "misaligned qword");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, att.mmio.write(TABLE, 2, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, att.mmio.write(TABLE + 70 * 16 - 4, 8, 0),
                "straddles the table's end");
        assertEquals(IoResult.OK, att.mmio.write(PBA, 8, -1L));
        assertEquals(0, att.mmio.read(PBA, 8), "the PBA is read-only");
        att.mmio.write(BAR + 0x100, 4, 0x55);
        assertEquals(List.of("w4@256"), regs.accesses, "only non-MSI-X accesses reach the device");
    }

    @Test
    void deliveryFollowsEnableFunctionMaskAndVectorMask() {
        assertFalse(cfg.signal(0), "MSI-X disabled");
        entry(65, 0xFEE0_1000L, 0x4165);
        enable(true, false);
        assertTrue(cfg.signal(65));
        assertTrue(att.msis.isEmpty(), "vector still masked");
        assertEquals(2, att.mmio.read(PBA + 8, 4), "pending bit 65 in the second qword");
        assertTrue(cfg.msix().orElseThrow().pending(65));
        att.mmio.write(TABLE + 65 * 16 + 12, 4, 0);
        assertEquals(List.of(new Msi(0xFEE0_1000L, 0x4165)), att.msis, "unmasking delivers the pending message");
        assertEquals(0, att.mmio.read(PBA + 8, 4));
        enable(true, true);
        cfg.signal(65);
        assertEquals(1, att.msis.size(), "function mask holds it");
        enable(true, false);
        assertEquals(2, att.msis.size());
        assertTrue(cfg.signal(500), "an unknown vector is dropped, MSI-X is still on");
        assertEquals(2, att.msis.size());
    }

    @Test
    void msixTurnsIntxOff() {
        cfg.setIntx(true);
        assertTrue(att.line(1).level);
        enable(true, false);
        assertFalse(att.line(1).level);
    }

    @Test
    void movingTheBarMovesTheTable() {
        entry(0, 0xFEE0_0000L, 0x30);
        write(cfg, 0x10, (int) (BAR + 0x10_0000));
        assertEquals(0x30, att.mmio.read(TABLE + 0x10_0000 + 8, 4));
        assertEquals(-1, att.mmio.read(TABLE + 8, 4));
    }

    private void entry(int vector, long address, int data) {
        long e = TABLE + vector * 16L;
        att.mmio.write(e, 4, address);
        att.mmio.write(e + 4, 4, address >>> 32);
        att.mmio.write(e + 8, 4, data);
    }

    private void enable(boolean enable, boolean functionMask) {
        int control = (enable ? 1 << 15 : 0) | (functionMask ? 1 << 14 : 0);
        cfg.pciConfigWrite(0x40, control << 16, 0xC);
    }
}
