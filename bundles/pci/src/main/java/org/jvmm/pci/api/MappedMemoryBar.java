package org.jvmm.pci.api;

import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;

/**
 * A memory BAR at one address: immutable, replaced when the BAR moves. Checks each access and
 * sends MSI-X table and PBA accesses to the capability, the rest to the device's handler.
 */
final class MappedMemoryBar implements MmioIntercept {
    private final int index;
    private final MmioRange range;
    private final List<MmioRange> ranges;
    private final BarHandler handler;
    private final MsixCapability msix;

    MappedMemoryBar(int index, MmioRange range, BarHandler handler, MsixCapability msix) {
        this.index = index;
        this.range = range;
        this.ranges = List.of(range);
        this.handler = handler;
        this.msix = msix;
    }

    MmioRange range() {
        return range;
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return ranges;
    }

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        long off = address - range.start();
        IoResult check = check(off, size);
        if (check != IoResult.OK) {
            return check;
        }
        if (msix != null) {
            if (msix.tableBar() == index && overlaps(off, size, msix.tableOffset(), msix.tableSize())) {
                return inside(off, size, msix.tableOffset(), msix.tableSize())
                        ? msix.tableRead(off - msix.tableOffset(), size, out) : IoResult.INVALID_ACCESS_SIZE;
            }
            if (msix.pbaBar() == index && overlaps(off, size, msix.pbaOffset(), msix.pbaSize())) {
                return inside(off, size, msix.pbaOffset(), msix.pbaSize())
                        ? msix.pbaRead(off - msix.pbaOffset(), size, out) : IoResult.INVALID_ACCESS_SIZE;
            }
        }
        return handler == null ? IoResult.INVALID_REGISTER : handler.barRead(off, size, out);
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        long off = address - range.start();
        IoResult check = check(off, size);
        if (check != IoResult.OK) {
            return check;
        }
        if (msix != null) {
            if (msix.tableBar() == index && overlaps(off, size, msix.tableOffset(), msix.tableSize())) {
                return inside(off, size, msix.tableOffset(), msix.tableSize())
                        ? msix.tableWrite(off - msix.tableOffset(), size, value) : IoResult.INVALID_ACCESS_SIZE;
            }
            if (msix.pbaBar() == index && overlaps(off, size, msix.pbaOffset(), msix.pbaSize())) {
                return inside(off, size, msix.pbaOffset(), msix.pbaSize())
                        ? msix.pbaWrite(off - msix.pbaOffset(), size, value) : IoResult.INVALID_ACCESS_SIZE;
            }
        }
        return handler == null ? IoResult.INVALID_REGISTER : handler.barWrite(off, size, value);
    }

    private IoResult check(long off, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        return off >= 0 && off <= range.length() - size ? IoResult.OK : IoResult.INVALID_REGISTER;
    }

    private static boolean overlaps(long off, int size, long start, long length) {
        return off < start + length && start < off + size;
    }

    private static boolean inside(long off, int size, long start, long length) {
        return off >= start && off + size <= start + length;
    }
}
