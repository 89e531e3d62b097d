package org.jvmm.devices.virtio.impl.pmem;

import java.util.List;
import java.util.concurrent.atomic.LongAdder;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;

/**
 * The pmem region in guest-physical address space, as MMIO: every guest load and store of it is
 * one access here, served from the {@link PmemBacking}. Accesses of 1, 2, 4 or 8 bytes anywhere in
 * the region (unaligned too); anything else is refused, and an access racing the device's close
 * answers {@link IoResult#UNSUPPORTED}. Never throws.
 */
final class PmemRegion implements MmioIntercept {
    private final MmioRange range;
    private final PmemBacking backing;
    private final LongAdder reads = new LongAdder();
    private final LongAdder writes = new LongAdder();

    PmemRegion(long start, PmemBacking backing) {
        this.range = new MmioRange("virtio-pmem " + backing.path().getFileName(), start, backing.size());
        this.backing = backing;
    }

    MmioRange range() {
        return range;
    }

    long reads() {
        return reads.sum();
    }

    long writes() {
        return writes.sum();
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return List.of(range);
    }

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        IoResult check = check(address, size);
        if (check != IoResult.OK) {
            return check;
        }
        try {
            out.set(backing.read(address - range.start(), size));
        } catch (IllegalStateException closed) {
            return IoResult.UNSUPPORTED;
        }
        reads.increment();
        return IoResult.OK;
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        IoResult check = check(address, size);
        if (check != IoResult.OK) {
            return check;
        }
        try {
            backing.write(address - range.start(), size, value);
        } catch (IllegalStateException closed) {
            return IoResult.UNSUPPORTED;
        }
        writes.increment();
        return IoResult.OK;
    }

    private IoResult check(long address, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        long offset = address - range.start();
        return offset >= 0 && offset <= range.length() - size ? IoResult.OK : IoResult.INVALID_REGISTER;
    }
}
