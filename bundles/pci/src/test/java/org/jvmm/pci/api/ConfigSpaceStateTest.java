package org.jvmm.pci.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.pci.testing.Config.read;
import static org.jvmm.pci.testing.Config.write;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.pci.testing.FakeAttachment;
import org.jvmm.pci.testing.Msi;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

/** A function's config state saved and restored into a freshly built, freshly attached twin. */
class ConfigSpaceStateTest {
    private static final long BAR0 = 0xC010_0000L;
    private static final long BAR2 = 0x1_2000_0000L;
    private static final long TABLE = BAR2 + 0x1000;
    private static final long PBA = BAR2 + 0x1800;

    /** One function: a 32-bit BAR, a 64-bit BAR holding MSI-X, MSI with masking, PCIe and a vendor capability. */
    private static final class Function {
        final RegisterBar regs0 = new RegisterBar(0x1000);
        final RegisterBar regs2 = new RegisterBar(0x2000);
        final VendorCapability vendor = VendorCapability.builder(8).writable(4, 4).build();
        final PciConfigSpace cfg = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1099, 1, 0x018000)).interruptPin(1)
                .bar(BarSpec.memory32(0, 0x1000, false, regs0)).bar(BarSpec.memory64(2, 0x2000, true, regs2))
                .capability(vendor).msi(4, true).msix(8, 2, 0x1000, 2, 0x1800).pcieEndpoint().build();
        final FakeAttachment att = new FakeAttachment(new PciAddress(1, 0, 0), false);

        Function() {
            cfg.pciAttached(att);
        }

        int cap(int id) {
            for (int p = read(cfg, 0x34) & 0xFF; p != 0; p = read(cfg, p) >>> 8 & 0xFF) {
                if ((read(cfg, p) & 0xFF) == id) {
                    return p;
                }
            }
            throw new AssertionError("no capability " + id);
        }
    }

    private static Function programmed() {
        Function f = new Function();
        PciConfigSpace c = f.cfg;
        write(c, 0x10, (int) BAR0);
        write(c, 0x18, (int) BAR2);
        write(c, 0x1C, (int) (BAR2 >>> 32));
        write(c, 0x0C, 0x10);
        write(c, 0x3C, 0x0B);
        c.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER, 0x3);
        int msix = f.cap(PciRegisters.CAP_MSIX);
        c.pciConfigWrite(msix, 0x8000 << 16, 0xC);
        f.att.mmio.write(TABLE, 4, 0xFEE0_0000L);
        f.att.mmio.write(TABLE + 8, 4, 0x41);
        f.att.mmio.write(TABLE + 12, 4, 0);
        f.att.mmio.write(TABLE + 16 * 3, 4, 0xFEE0_1000L);
        f.att.mmio.write(TABLE + 16 * 3 + 8, 4, 0x43);
        assertTrue(c.signal(3), "vector 3 is masked: pending");
        int msi = f.cap(PciRegisters.CAP_MSI);
        write(c, msi + 4, 0xFEE0_2000);
        write(c, msi + 12, 0x50);
        write(c, msi + 16, 0b0101);
        c.pciConfigWrite(msi, (1 | 2 << 4) << 16, 0xC);
        int pcie = f.cap(PciRegisters.CAP_PCIE);
        c.pciConfigWrite(pcie + 8, 0x2A10, 0x3);
        c.pciConfigWrite(f.cap(PciRegisters.CAP_VENDOR) + 4, 0xCAFE_F00D, 0xF);
        c.setIntx(true);
        f.att.mmio.write(BAR0 + 0x10, 4, 0x1234);
        return f;
    }

    private static int[] configDwords(PciConfigSpace c) {
        int[] out = new int[0x100 / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = read(c, 4 * i);
        }
        return out;
    }

    private static void restore(PciConfigSpace c, byte[] saved) throws IOException {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(saved))) {
            c.restoreState(in);
            assertEquals(0, in.available(), "the restore used every byte");
        }
    }

    @Test
    void restoredTwinReadsTheSameAndDecodesAtTheRestoredAddresses() throws IOException {
        Function a = programmed();
        byte[] saved = StateCodec.write(a.cfg::saveState);
        Function b = new Function();
        restore(b.cfg, saved);

        assertArrayEquals(configDwords(a.cfg), configDwords(b.cfg), "config space 0x00-0xFF");
        assertEquals(BAR0, b.cfg.barAddress(0));
        assertEquals(BAR2, b.cfg.barAddress(2));
        assertEquals(IoResult.OK, b.att.mmio.write(BAR0 + 0x20, 4, 0x77), "BAR0 decodes at the restored address");
        assertEquals(List.of("w4@32"), b.regs0.accesses);
        assertEquals(0xFEE0_0000L, b.att.mmio.read(TABLE, 4), "MSI-X table");
        assertEquals(0x43, b.att.mmio.read(TABLE + 16 * 3 + 8, 4));
        assertEquals(8, b.att.mmio.read(PBA, 8), "vector 3 still pending");
        assertEquals(0xCAFE_F00D, read(b.cfg, b.cap(PciRegisters.CAP_VENDOR) + 4), "vendor bytes");
    }

    @Test
    void intxComesBackAssertedWhenNoMessageMechanismIsOn() throws IOException {
        Function a = new Function();
        a.cfg.setIntx(true);
        assertTrue(a.att.line(1).level);
        Function b = new Function();
        restore(b.cfg, StateCodec.write(a.cfg::saveState));
        assertTrue(b.att.line(1).level, "INTx driven to the restored level");
        assertEquals(PciRegisters.STATUS_INTERRUPT, read(b.cfg, 0x04) >>> 16 & PciRegisters.STATUS_INTERRUPT);
    }

    @Test
    void restoreSendsNothingAndUnmaskingDeliversThePendingVector() throws IOException {
        Function a = programmed();
        Function b = new Function();
        restore(b.cfg, StateCodec.write(a.cfg::saveState));
        assertEquals(List.of(), b.att.msis, "no message on restore");
        assertFalse(b.att.line(1).level, "MSI-X is enabled: INTx stays low");
        assertTrue(b.cfg.msix().orElseThrow().pending(3));
        b.att.mmio.write(TABLE + 16 * 3 + 12, 4, 0);
        assertEquals(List.of(new Msi(0xFEE0_1000L, 0x43)), b.att.msis);
        MsiCapability msi = b.cfg.msi().orElseThrow();
        assertTrue(msi.enabled());
        assertEquals(4, msi.enabledVectors());
        assertTrue(msi.masked(0));
        assertFalse(msi.masked(1));
    }

    @Test
    void restoringOverAFirmwareAssignmentMovesTheBars() throws IOException {
        Function a = programmed();
        Function b = new Function();
        write(b.cfg, 0x10, (int) BAR2);
        b.cfg.pciConfigWrite(0x04, PciRegisters.COMMAND_MEMORY, 0x3);
        assertTrue(b.cfg.barMapped(0));
        restore(b.cfg, StateCodec.write(a.cfg::saveState));
        assertEquals(2, b.att.mmio.mapped.size());
        assertEquals("01:00.0 BAR0", b.att.mmio.at(BAR0).name());
        assertEquals("01:00.0 BAR2", b.att.mmio.at(BAR2).name());
        assertNull(b.att.mmio.at(BAR2 + 0x4000));
    }

    @Test
    void anotherKindOfFunctionIsRefusedAndLeftAlone() {
        Function a = programmed();
        byte[] saved = StateCodec.write(a.cfg::saveState);
        PciConfigSpace other = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1050, 1, 0xFF0000))
                .bar(BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000))).build();
        other.pciAttached(new FakeAttachment(new PciAddress(0, 3, 0), true));
        int[] before = configDwords(other);
        IOException e = assertThrows(IOException.class, () -> restore(other, saved));
        assertTrue(e.getMessage().contains("1af4:1099"), e.getMessage());
        assertArrayEquals(before, configDwords(other));
    }

    @Test
    void aChangedCapabilityListIsRefusedBeforeAnythingChanges() {
        Function a = programmed();
        byte[] saved = StateCodec.write(a.cfg::saveState);
        PciConfigSpace fewer = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1099, 1, 0x018000)).interruptPin(1)
                .bar(BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000))).pcieEndpoint().build();
        FakeAttachment att = new FakeAttachment(new PciAddress(1, 0, 0), false);
        fewer.pciAttached(att);
        IOException e = assertThrows(IOException.class, () -> restore(fewer, saved));
        assertTrue(e.getMessage().contains("capability list"), e.getMessage());
        assertEquals(0, fewer.command());
        assertTrue(att.mmio.mapped.isEmpty());
    }
}
