package org.jvmm.pci.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;

/** An MMIO map like the chipset's: refuses overlaps, dispatches accesses, records history. */
public final class FakeMmio implements MmioMapper {
    public final Map<MmioRange, MmioIntercept> mapped = new LinkedHashMap<>();
    public final List<String> history = new ArrayList<>();

    @Override
    public synchronized void map(MmioRange range, MmioIntercept target) {
        for (MmioRange r : mapped.keySet()) {
            if (r.start() < range.start() + range.length() && range.start() < r.start() + r.length()) {
                throw new IllegalArgumentException(range.name() + " overlaps " + r.name());
            }
        }
        mapped.put(range, target);
        history.add("map " + range.name() + String.format(" 0x%x", range.start()));
    }

    @Override
    public synchronized void unmap(MmioRange range) {
        if (mapped.remove(range) == null) {
            throw new IllegalArgumentException(range + " is not mapped");
        }
        history.add("unmap " + range.name() + String.format(" 0x%x", range.start()));
    }

    /** The range mapped at {@code address}, or null. */
    public synchronized MmioRange at(long address) {
        return mapped.keySet().stream().filter(r -> r.contains(address)).findFirst().orElse(null);
    }

    public synchronized MmioRange named(String name) {
        return mapped.keySet().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    public long read(long address, int size) {
        MmioIntercept t;
        synchronized (this) {
            MmioRange r = at(address);
            if (r == null) {
                return -1;
            }
            t = mapped.get(r);
        }
        IoValue v = new IoValue();
        return t.mmioRead(address, size, v) == IoResult.OK ? v.get() : -1;
    }

    public IoResult write(long address, int size, long value) {
        MmioIntercept t;
        synchronized (this) {
            MmioRange r = at(address);
            if (r == null) {
                return IoResult.INVALID_REGISTER;
            }
            t = mapped.get(r);
        }
        return t.mmioWrite(address, size, value);
    }
}
