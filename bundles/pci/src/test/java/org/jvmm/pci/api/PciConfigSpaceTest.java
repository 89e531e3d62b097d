package org.jvmm.pci.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.pci.testing.Config.read;
import static org.jvmm.pci.testing.Config.write;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.testing.FakeAttachment;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PciConfigSpaceTest {
    private final RegisterBar regs = new RegisterBar(0x1000);
    private final RegisterBar io = new RegisterBar(0x20);
    private final RegisterBar big = new RegisterBar(0x4000);
    private PciConfigSpace cfg;
    private FakeAttachment att;

    @BeforeEach
    void setUp() {
        cfg = PciConfigSpace.builder(new PciIdentity(0x1AF4, 0x1042, 1, 0x010000, 0x1AF4, 0x1100))
                .interruptPin(1)
                .bar(BarSpec.memory32(0, 0x1000, false, regs))
                .bar(BarSpec.io(1, 0x20, io))
                .bar(BarSpec.memory64(2, 0x4000, true, big))
                .build();
        att = new FakeAttachment(new PciAddress(0, 3, 0), true);
        cfg.pciAttached(att);
    }

    @Test
    void identificationRegisters() {
        assertEquals(0x1042_1AF4, read(cfg, 0x00));
        assertEquals(0x0100_0001, read(cfg, 0x08));
        assertEquals(0x1100_1AF4, read(cfg, 0x2C));
        assertEquals(0x0000_0100, read(cfg, 0x3C), "pin INTA, line 0");
        assertEquals(0, read(cfg, 0x0C) >>> 16 & 0xFF, "header type 0");
        assertEquals(0, read(cfg, 0x34), "no capabilities");
        assertEquals(0, read(cfg, 0x100), "no extended capabilities");
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_REGISTER, cfg.pciConfigRead(0x1000, v));
        assertEquals(IoResult.INVALID_REGISTER, cfg.pciConfigRead(0x02, v));
        assertEquals(IoResult.INVALID_REGISTER, cfg.pciConfigWrite(-4, 0));
    }

    @Test
    void barsAreSizedByWritingAllOnes() {
        for (int off = 0x10; off <= 0x24; off += 4) {
            write(cfg, off, -1);
        }
        assertEquals(0xFFFF_F000, read(cfg, 0x10), "4 KiB 32-bit memory");
        assertEquals(0x0000_FFE1, read(cfg, 0x14), "32-byte I/O, 16-bit decode");
        assertEquals(0xFFFF_C00C, read(cfg, 0x18), "16 KiB 64-bit prefetchable, low half");
        assertEquals(0xFFFF_FFFF, read(cfg, 0x1C), "high half");
        assertEquals(0, read(cfg, 0x20));
        assertEquals(0, read(cfg, 0x24));
    }

    @Test
    void barsMapWhenDecodingIsEnabledAndMoveWithTheirRegisters() {
        write(cfg, 0x10, 0xC000_0000);
        write(cfg, 0x14, 0xC001);
        write(cfg, 0x18, 0x0000_0000);
        write(cfg, 0x1C, 0x1);
        assertTrue(att.mmio.mapped.isEmpty(), "decoding is off");
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY, 0x3);
        assertEquals(new MmioRange("00:03.0 BAR0", 0xC000_0000L, 0x1000), att.mmio.named("00:03.0 BAR0"));
        assertEquals(new MmioRange("00:03.0 BAR2", 0x1_0000_0000L, 0x4000), att.mmio.named("00:03.0 BAR2"));
        assertTrue(att.ports.isEmpty(), "I/O decoding is off");
        write(cfg, 0x10, 0xC010_0000);
        assertNull(att.mmio.at(0xC000_0000L));
        assertNotNull(att.mmio.at(0xC010_0FFFL));
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_IO, 0x3);
        assertEquals(1, att.ports.size());
        cfg.pciConfigWrite(0x04, 0, 0x3);
        assertTrue(att.mmio.mapped.isEmpty());
        assertTrue(att.ports.isEmpty());
        assertEquals(0xC010_0000L, cfg.barAddress(0));
        assertEquals(-1, cfg.barAddress(3), "upper half of a 64-bit BAR");
    }

    @Test
    void barAccessesAreCheckedAndReachTheHandlerByOffset() {
        enableAt(0xC000_0000L);
        assertEquals(IoResult.OK, att.mmio.write(0xC000_0010L, 4, 0xDEAD_BEEFL));
        assertEquals(0xDEAD_BEEFL, att.mmio.read(0xC000_0010L, 4));
        assertEquals(0xBEEFL, att.mmio.read(0xC000_0010L, 2));
        assertEquals(IoResult.INVALID_REGISTER, att.mmio.write(0xC000_0FFEL, 4, 0), "runs past the end");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, att.mmio.write(0xC000_0000L, 3, 0));
        assertEquals("w4@16", regs.accesses.get(0));
        assertEquals(0xEF, regs.bytes[0x10] & 0xFF);
        write(cfg, 0x14, 0xC001);
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_IO | PciRegisters.COMMAND_MEMORY, 0x3);
        io.bytes[4] = 0x5A;
        assertEquals(0x5A, att.ioRead(0xC004, 1));
        assertEquals(-1, att.ioRead(0xC01F, 2), "past the I/O BAR");
    }

    @Test
    void aBarThatCannotBeMappedStaysUnmappedWithItsErrorShown() {
        att.mmio.map(new MmioRange("someone-else", 0xC000_0000L, 0x1000), null);
        enableAt(0xC000_0000L);
        assertFalse(cfg.barMapped(0));
        assertTrue(cfg.barMapped(2), "the other BAR is fine");
        InspectNode n = new InspectNode();
        cfg.inspect(n);
        assertTrue(n.at("bars/0/error").orElseThrow().toString().contains("overlaps someone-else"), n.render());
        write(cfg, 0x10, 0xC020_0000);
        assertTrue(cfg.barMapped(0), "moved out of the conflict");
        InspectNode again = new InspectNode();
        cfg.inspect(again);
        assertTrue(again.at("bars/0/error").isEmpty());
    }

    @Test
    void commandWritesKeepOnlyWritableBitsAndLeaveStatusAlone() {
        cfg.pciConfigWrite(0x04, 0xFFFF_FFFF, 0x3);
        assertEquals(0x0547, read(cfg, 0x04) & 0xFFFF);
        cfg.pciConfigWrite(0x04, 0, 0x1);
        assertEquals(0x0500, read(cfg, 0x04) & 0xFFFF, "byte write touches the low byte only");
        write(cfg, 0x3C, 0xFFFF_FF2A);
        assertEquals(0x012A, read(cfg, 0x3C), "line writable, pin read-only");
        write(cfg, 0x00, 0);
        assertEquals(0x1042_1AF4, read(cfg, 0x00));
    }

    @Test
    void intxFollowsTheDeviceTheDisableBitAndMessageInterrupts() {
        cfg.setIntx(true);
        assertTrue(att.line(1).level);
        assertEquals(PciRegisters.STATUS_INTERRUPT, read(cfg, 0x04) >>> 16 & PciRegisters.STATUS_INTERRUPT);
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_INTX_DISABLE, 0x3);
        assertFalse(att.line(1).level);
        assertEquals(PciRegisters.STATUS_INTERRUPT, read(cfg, 0x04) >>> 16 & PciRegisters.STATUS_INTERRUPT,
                "status still shows the device's request");
        cfg.pciConfigWrite(0x04, 0, 0x3);
        assertTrue(att.line(1).level);
        cfg.setIntx(false);
        assertFalse(att.line(1).level);
        assertFalse(cfg.signal(0), "no MSI or MSI-X: the device must use INTx");
    }

    @Test
    void resetUnmapsAndClears() {
        enableAt(0xC000_0000L);
        cfg.setIntx(true);
        cfg.reset();
        assertTrue(att.mmio.mapped.isEmpty());
        assertEquals(0, read(cfg, 0x10) & ~0xF);
        assertEquals(0, read(cfg, 0x04) & 0xFFFF);
        assertFalse(att.line(1).level);
    }

    @Test
    void aNewAttachmentStartsFromPowerOnStateWithoutTouchingTheOldOne() {
        enableAt(0xC000_0000L);
        FakeAttachment second = new FakeAttachment(new PciAddress(1, 0, 0), false);
        cfg.pciAttached(second);
        assertEquals(2, att.mmio.mapped.size(), "the old host undoes its own mappings on detach");
        assertTrue(second.mmio.mapped.isEmpty());
        assertEquals(0, read(cfg, 0x04) & 0xFFFF);
        enableAt(0xC000_0000L);
        assertEquals(2, second.mmio.mapped.size());
    }

    @Test
    void builderRejectsBadLayouts() {
        PciIdentity id = PciIdentity.of(0x1234, 0x5678, 0, 0xFF0000);
        assertThrows(IllegalArgumentException.class, () -> PciConfigSpace.builder(id)
                .bar(BarSpec.memory64(0, 0x1000, false, regs)).bar(BarSpec.memory32(1, 0x1000, false, regs)).build());
        assertThrows(IllegalArgumentException.class, () -> PciConfigSpace.builder(id)
                .bar(BarSpec.memory32(0, 0x1000, false, null)).build());
        assertThrows(IllegalArgumentException.class, () -> PciConfigSpace.builder(id)
                .bar(BarSpec.memory32(0, 0x1000, false, regs)).msix(64, 0, 0xE00, 0, 0x800).build(),
                "a 1 KiB table does not fit at 0xE00 of a 4 KiB BAR");
        assertThrows(IllegalArgumentException.class, () -> PciConfigSpace.builder(id)
                .bar(BarSpec.io(0, 0x100, regs)).msix(4, 0, 0, 0, 0x80).build(), "MSI-X in an I/O BAR");
        assertThrows(IllegalArgumentException.class, () -> BarSpec.memory32(0, 0x1800, false, regs));
        assertThrows(IllegalArgumentException.class, () -> BarSpec.io(0, 512, regs));
        assertThrows(IllegalArgumentException.class, () -> BarSpec.memory64(5, 0x1000, false, regs));
        PciConfigSpaceBuilder b = PciConfigSpace.builder(id);
        for (int i = 0; i < 5; i++) {
            b.capability(VendorCapability.builder(40).build());
        }
        assertThrows(IllegalArgumentException.class, b::build, "5 x 40 bytes do not fit in the 192 bytes below 0x100");
        assertThrows(IllegalArgumentException.class, () -> PciConfigSpace.builder(id).msi(1, false).msi(2, false));
    }

    private void enableAt(long base) {
        write(cfg, 0x10, (int) base);
        write(cfg, 0x18, 0);
        write(cfg, 0x1C, 0x1);
        cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY, 0x3);
    }
}
