package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.testing.FakeLine;
import org.jvmm.pci.testing.FakeMmio;
import org.jvmm.pci.testing.Msi;

/** A root complex over fake chipset services (256 MiB of RAM), with config accessors. */
final class RootComplexFixture {
    final FakeMmio mmio = new FakeMmio();
    final List<Msi> msis = Collections.synchronizedList(new ArrayList<>());
    final Map<Integer, FakeLine> lines = new HashMap<>();
    final PcieRootComplexHandle handle;
    final PcieRootComplex rc;

    RootComplexFixture(PcieRootComplexHandle handle) {
        this.handle = handle;
        HostLayout layout = HostLayout.of(handle, GuestMemoryLayout.pc(256L << 20));
        this.rc = new PcieRootComplex(handle, layout, mmio, (a, d) -> msis.add(new Msi(a, d)), this::line);
    }

    synchronized FakeLine line(int gsi) {
        return lines.computeIfAbsent(gsi, g -> new FakeLine());
    }

    /** Selects bus/dev/fn/offset in 0xCF8 (enable bit set). */
    void select(int bus, int dev, int fn, int offset) {
        assertEquals(IoResult.OK, rc.ioWrite(0xCF8, 4, 0x8000_0000L | bus << 16 | dev << 11 | fn << 8 | offset & 0xFC));
    }

    /** A read through 0xCFC..0xCFF; -1 when the access is refused. */
    long cf8Read(int bus, int dev, int fn, int offset, int size) {
        select(bus, dev, fn, offset);
        IoValue v = new IoValue();
        return rc.ioRead(0xCFC + (offset & 3), size, v) == IoResult.OK ? v.get() & mask(size) : -1;
    }

    int cf8(int bus, int dev, int fn, int offset) {
        return (int) cf8Read(bus, dev, fn, offset, 4);
    }

    void cf8Write(int bus, int dev, int fn, int offset, int size, long value) {
        select(bus, dev, fn, offset);
        assertEquals(IoResult.OK, rc.ioWrite(0xCFC + (offset & 3), size, value & mask(size)));
    }

    long ecamAddress(int bus, int dev, int fn, int offset) {
        return handle.ecamBase() + ((long) bus << 20 | dev << 15 | fn << 12 | offset);
    }

    int ecam(int bus, int dev, int fn, int offset) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, rc.mmioRead(ecamAddress(bus, dev, fn, offset), 4, v));
        return (int) v.get();
    }

    void ecamWrite(int bus, int dev, int fn, int offset, int size, long value) {
        assertEquals(IoResult.OK, rc.mmioWrite(ecamAddress(bus, dev, fn, offset), size, value));
    }

    /** The offset of capability {@code id} of a function, found by walking its list, or -1. */
    int capability(int bus, int dev, int fn, int id) {
        int at = cf8(bus, dev, fn, 0x34) & 0xFF;
        for (int guard = 0; at != 0 && guard < 48; guard++) {
            int header = cf8(bus, dev, fn, at);
            if ((header & 0xFF) == id) {
                return at;
            }
            at = header >>> 8 & 0xFC;
        }
        return -1;
    }

    private static long mask(int size) {
        return (1L << 8 * size) - 1;
    }
}
