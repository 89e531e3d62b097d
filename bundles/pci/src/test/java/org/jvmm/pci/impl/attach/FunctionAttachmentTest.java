package org.jvmm.pci.impl.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.pci.testing.FakeLine;
import org.jvmm.pci.testing.FakeMmio;
import org.jvmm.pci.testing.Msi;
import org.junit.jupiter.api.Test;

class FunctionAttachmentTest {
    private final FakeMmio mmio = new FakeMmio();
    private final Map<Integer, FakeLine> lines = new HashMap<>();
    private final List<Msi> msis = new ArrayList<>();
    private final IoWindow io = new IoWindow(new PortRange("io", 0xC000, 0x4000));
    private final IntxRouter intx = new IntxRouter(List.of(20, 21, 22, 23),
            g -> lines.computeIfAbsent(g, x -> new FakeLine()));
    private final FunctionAttachment att = new FunctionAttachment(new PciAddress(2, 0, 0), false, intx, 3, 2,
            (a, d) -> msis.add(new Msi(a, d)), mmio, new MmioWindows(List.of(
                    new MmioRange("low", 0xC000_0000L, 0x2000_0000L), new MmioRange("high", 1L << 32, 1L << 30))),
            io);

    @Test
    void memoryOutsideTheWindowsIsRefused() {
        att.mmio().map(new MmioRange("in", 0xDFFF_F000L, 0x1000), null);
        att.mmio().map(new MmioRange("high", (1L << 32) + (1L << 30) - 0x1000, 0x1000), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> att.mmio().map(new MmioRange("straddles", 0xDFFF_F800L, 0x1000), null));
        assertTrue(e.getMessage().contains("outside the PCI MMIO windows"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> att.mmio().map(new MmioRange("ram", 0x1000, 0x1000), null));
        assertEquals(2, mmio.mapped.size());
    }

    @Test
    void ioBarsDispatchInsideTheWindowOnly() {
        PortIoIntercept echo = new PortIoIntercept() {
            @Override
            public List<PortRange> portRanges() {
                return List.of();
            }

            @Override
            public IoResult ioRead(int port, int size, IoValue out) {
                out.set(port);
                return IoResult.OK;
            }

            @Override
            public IoResult ioWrite(int port, int size, long value) {
                return IoResult.OK;
            }
        };
        att.io().map(new PortRange("bar", 0xC100, 0x20), echo);
        assertThrows(IllegalArgumentException.class, () -> att.io().map(new PortRange("dup", 0xC110, 0x20), echo));
        assertThrows(IllegalArgumentException.class, () -> att.io().map(new PortRange("low", 0x1000, 0x20), echo));
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, io.read(0xC105, 1, v));
        assertEquals(0xC105, v.get());
        assertEquals(IoResult.OK, io.read(0xC200, 1, v));
        assertEquals(-1L, v.get(), "nobody there: all ones");
        assertEquals(0x20, io.mappedPorts());
    }

    @Test
    void intxIsSwizzledAndClosingUndoesEverything() {
        assertEquals(20 + (3 + 2) % 4, att.gsi(1), "device 3 with rotation 2: INTA arrives as INTC");
        LineInterrupt line = att.intx(1);
        line.setLevel(true);
        assertTrue(lines.get(21).level);
        att.mmio().map(new MmioRange("bar", 0xC000_0000L, 0x1000), null);
        att.io().map(new PortRange("iobar", 0xC000, 0x10), null);
        att.close();
        assertTrue(mmio.mapped.isEmpty());
        assertEquals(0, io.mappedPorts());
        assertFalse(lines.get(21).level);
        line.setLevel(true);
        assertFalse(lines.get(21).level, "a closed source stays quiet");
        att.msi().signal(0xFEE0_0000L, 1);
        assertTrue(msis.isEmpty());
        assertThrows(IllegalStateException.class, () -> att.mmio().map(new MmioRange("late", 0xC000_0000L, 16), null));
        att.mmio().unmap(new MmioRange("bar", 0xC000_0000L, 0x1000));
    }
}
