package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PciConfigMaskedWrite;

/**
 * A PCI guest's view of one function, as firmware and Linux's virtio_pci_modern see it: config cycles
 * (dwords, and narrow writes with byte enables), BAR sizing and programming, the command register,
 * the capability walk that finds the virtio structures and MSI-X, and memory accesses to the BAR
 * through the host's MMIO map. {@link PciDriver} builds the virtio driver on top.
 */
final class PciGuest {
    static final int COMMAND_MEMORY = 2;
    static final int COMMAND_BUS_MASTER = 4;
    static final int COMMAND_INTX_DISABLE = 1 << 10;

    /** One virtio_pci_cap as found in config space. */
    record Cap(int pos, int type, int bar, long offset, long length) {
    }

    final PciConfigMaskedWrite config;
    final FakePciAttachment host;
    final Map<Integer, Cap> caps = new LinkedHashMap<>();
    private final IoValue value = new IoValue();
    int msixCap;
    int notifyMultiplier;
    long barAddress;

    PciGuest(PciConfigMaskedWrite config, FakePciAttachment host) {
        this.config = config;
        this.host = host;
    }

    int cfgRead(int off) {
        assertEquals(IoResult.OK, config.pciConfigRead(off & ~3, value), "config read 0x" + Integer.toHexString(off));
        return (int) value.get();
    }

    int cfgByte(int off) {
        return cfgRead(off) >>> 8 * (off & 3) & 0xFF;
    }

    int cfgWord(int off) {
        return cfgRead(off) >>> 8 * (off & 3) & 0xFFFF;
    }

    /** A config write of {@code size} bytes at {@code off} (not crossing a dword), as byte enables. */
    void cfgWrite(int off, int size, int v) {
        int shift = off & 3;
        int be = ((1 << size) - 1) << shift;
        assertEquals(IoResult.OK, config.pciConfigWrite(off & ~3, v << 8 * shift, be & 0xF));
    }

    /** Sizes BAR 4/5 (64-bit), programs it at {@code address}, enables memory decoding and bus mastering. */
    long programBar(long address) {
        cfgWrite(0x20, 4, -1);
        cfgWrite(0x24, 4, -1);
        long mask = Integer.toUnsignedLong(cfgRead(0x20)) & ~0xFL | (long) cfgRead(0x24) << 32;
        long size = -mask;
        cfgWrite(0x20, 4, (int) address);
        cfgWrite(0x24, 4, (int) (address >>> 32));
        setCommand(COMMAND_MEMORY | COMMAND_BUS_MASTER);
        barAddress = address;
        return size;
    }

    void setCommand(int command) {
        cfgWrite(0x04, 2, command);
    }

    /** Walks the capability list: virtio structures by cfg_type (the first of each, as Linux) and MSI-X. */
    void findCapabilities() {
        assertTrue((cfgWord(0x06) & 0x10) != 0, "status: capability list");
        int guard = 0;
        for (int p = cfgByte(0x34); p != 0; p = cfgByte(p + 1)) {
            assertTrue(p >= 0x40 && (p & 3) == 0 && guard++ < 48, "sane capability pointer 0x" + Integer.toHexString(p));
            int id = cfgByte(p);
            if (id == 0x11) {
                msixCap = p;
            } else if (id == 0x09) {
                Cap c = new Cap(p, cfgByte(p + 3), cfgByte(p + 4), Integer.toUnsignedLong(cfgRead(p + 8)),
                        Integer.toUnsignedLong(cfgRead(p + 12)));
                caps.putIfAbsent(c.type(), c);
                if (c.type() == 2) {
                    notifyMultiplier = cfgRead(p + 16);
                }
            }
        }
        assertTrue(msixCap != 0, "MSI-X capability");
    }

    /** The position of the first capability with {@code id}, or 0. */
    int findCapability(int id) {
        for (int p = cfgByte(0x34), guard = 0; p != 0 && guard < 48; p = cfgByte(p + 1), guard++) {
            if (cfgByte(p) == id) {
                return p;
            }
        }
        return 0;
    }

    Cap cap(int type) {
        Cap c = caps.get(type);
        assertNotNull(c, "virtio capability of type " + type);
        return c;
    }

    /** The guest address of offset {@code off} of the structure of {@code type}. */
    long at(int type, long off) {
        Cap c = cap(type);
        assertEquals(4, c.bar(), "structures are in BAR 4");
        return barAddress + c.offset() + off;
    }

    long read(long address, int size) {
        assertEquals(IoResult.OK, host.read(address, size), "read 0x" + Long.toHexString(address) + "/" + size);
        long v = host.lastValue();
        return size == 8 ? v : v & (1L << 8 * size) - 1;
    }

    void write(long address, int size, long v) {
        assertEquals(IoResult.OK, host.write(address, size, v), "write 0x" + Long.toHexString(address) + "/" + size);
    }

    /** Sets MSI-X enable (and the function mask) in the capability's message control. */
    void msixControl(boolean enable, boolean functionMask) {
        int control = (enable ? 0x8000 : 0) | (functionMask ? 0x4000 : 0);
        cfgWrite(msixCap + 2, 2, control);
    }

    int msixTableSize() {
        return (cfgWord(msixCap + 2) & 0x7FF) + 1;
    }

    /** The guest address of the MSI-X table (BAR indicator and offset from the capability). */
    long msixTable() {
        int t = cfgRead(msixCap + 4);
        assertEquals(4, t & 7, "table in BAR 4");
        return barAddress + (t & ~7);
    }

    long msixPba() {
        int t = cfgRead(msixCap + 8);
        assertEquals(4, t & 7, "PBA in BAR 4");
        return barAddress + (t & ~7);
    }

    /** Programs table entry {@code v}: the local APIC address and data {@code 0x40 + v}, masked or not. */
    void msixEntry(int v, boolean masked) {
        long e = msixTable() + 16L * v;
        write(e, 4, 0xFEE0_0000L);
        write(e + 4, 4, 0);
        write(e + 8, 4, 0x40 + v);
        write(e + 12, 4, masked ? 1 : 0);
    }

    boolean msixPending(int v) {
        return (read(msixPba() + 8L * (v / 64), 8) & 1L << (v % 64)) != 0;
    }
}
