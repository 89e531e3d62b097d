package org.jvmm.devices.virtio.impl.pci;

import static org.jvmm.devices.virtio.impl.pci.VirtioCapabilities.BAR_FIELD;
import static org.jvmm.devices.virtio.impl.pci.VirtioCapabilities.EXTRA_FIELD;
import static org.jvmm.devices.virtio.impl.pci.VirtioCapabilities.LENGTH_FIELD;
import static org.jvmm.devices.virtio.impl.pci.VirtioCapabilities.OFFSET_FIELD;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.pci.api.BarHandler;
import org.jvmm.pci.api.MsixCapability;
import org.jvmm.pci.api.VendorCapability;

/**
 * VIRTIO_PCI_CAP_PCI_CFG (virtio 1.x 4.1.4.9): the driver writes bar, offset and length into the
 * capability, then reading pci_cfg_data reads {@code length} bytes of the BAR at {@code offset}
 * and writing it writes them, without the BAR being mapped (firmware uses this for BARs above
 * 4 GiB). The window is only acted on when bar names the function's BAR, length is 1, 2 or 4,
 * offset is a multiple of length and the access lies inside the BAR; otherwise reads return what the
 * capability holds and writes do nothing. Accesses go through {@code bar} exactly as a memory access
 * would (MSI-X table and PBA included), side effects such as the ISR read-to-clear included.
 */
final class ConfigWindow {
    private final BarHandler registers;
    private volatile MsixCapability msix;
    private long accesses;
    private long ignored;

    ConfigWindow(BarHandler registers) {
        this.registers = registers;
    }

    /** The MSI-X capability whose table and PBA share the BAR (known once the config space is built). */
    void connect(MsixCapability capability) {
        msix = capability;
    }

    /** The read hook of the capability: acts on reads of pci_cfg_data. */
    int read(VendorCapability cap, int offset, int stored) {
        if (offset != EXTRA_FIELD) {
            return stored;
        }
        long len = window(cap);
        if (len < 0) {
            return stored;
        }
        IoValue out = new IoValue();
        if (barRead(cap.dword(OFFSET_FIELD) & 0xFFFF_FFFFL, (int) len, out) != IoResult.OK) {
            count(false);
            return stored;
        }
        int mask = len == 4 ? -1 : (1 << 8 * len) - 1;
        count(true);
        return stored & ~mask | (int) out.get() & mask;
    }

    /** The write listener of the capability: acts on writes of pci_cfg_data. */
    void written(VendorCapability cap, int offset, int byteEnables) {
        if (offset != EXTRA_FIELD) {
            return;
        }
        long len = window(cap);
        if (len < 0) {
            return;
        }
        long value = cap.dword(EXTRA_FIELD) & (len == 4 ? 0xFFFF_FFFFL : (1L << 8 * len) - 1);
        count(barWrite(cap.dword(OFFSET_FIELD) & 0xFFFF_FFFFL, (int) len, value) == IoResult.OK);
    }

    synchronized long accesses() {
        return accesses;
    }

    synchronized long ignored() {
        return ignored;
    }

    private IoResult barRead(long off, int len, IoValue out) {
        MsixCapability m = msix;
        if (m != null && inside(off, m.tableOffset(), m.tableSize())) {
            return m.tableRead(off - m.tableOffset(), len, out);
        }
        if (m != null && inside(off, m.pbaOffset(), m.pbaSize())) {
            return m.pbaRead(off - m.pbaOffset(), len, out);
        }
        return registers.barRead(off, len, out);
    }

    private IoResult barWrite(long off, int len, long value) {
        MsixCapability m = msix;
        if (m != null && inside(off, m.tableOffset(), m.tableSize())) {
            return m.tableWrite(off - m.tableOffset(), len, value);
        }
        if (m != null && inside(off, m.pbaOffset(), m.pbaSize())) {
            return m.pbaWrite(off - m.pbaOffset(), len, value);
        }
        return registers.barWrite(off, len, value);
    }

    private static boolean inside(long off, long start, long length) {
        return off >= start && off < start + length;
    }

    /** The access length the capability describes, or -1 when it describes no valid window. */
    private long window(VendorCapability cap) {
        long off = cap.dword(OFFSET_FIELD) & 0xFFFF_FFFFL;
        long len = cap.dword(LENGTH_FIELD) & 0xFFFF_FFFFL;
        boolean valid = cap.byteAt(BAR_FIELD) == PciLayout.BAR && (len == 1 || len == 2 || len == 4)
                && off % len == 0 && off + len <= PciLayout.BAR_SIZE;
        if (!valid) {
            count(false);
            return -1;
        }
        return len;
    }

    private synchronized void count(boolean ok) {
        if (ok) {
            accesses++;
        } else {
            ignored++;
        }
    }
}
