package org.jvmm.devices.virtio.impl.pmem;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.api.Waker;
import org.jvmm.guestmem.GuestMemory;

/** Guest memory and an MMIO mapper that records mappings and refuses overlaps, as the chipset bus does. */
final class MapperServices implements ChipsetServices, MmioMapper {
    private final GuestMemory memory;
    final List<MmioRange> mapped = new ArrayList<>();
    final List<MmioIntercept> targets = new ArrayList<>();

    MapperServices(GuestMemory memory) {
        this.memory = memory;
    }

    /** Claims {@code range} for another (inert) device. */
    void block(MmioRange range) {
        map(range, new MmioIntercept() {
            @Override
            public List<MmioRange> mmioRanges() {
                return List.of(range);
            }

            @Override
            public IoResult mmioRead(long address, int size, IoValue out) {
                return IoResult.INVALID_REGISTER;
            }

            @Override
            public IoResult mmioWrite(long address, int size, long value) {
                return IoResult.INVALID_REGISTER;
            }
        });
    }

    @Override
    public synchronized void map(MmioRange range, MmioIntercept target) {
        for (MmioRange r : mapped) {
            if (range.start() < r.start() + r.length() && r.start() < range.start() + range.length()) {
                throw new IllegalArgumentException(range.name() + " overlaps " + r.name());
            }
        }
        mapped.add(range);
        targets.add(target);
    }

    @Override
    public synchronized void unmap(MmioRange range) {
        int i = mapped.indexOf(range);
        if (i < 0) {
            throw new IllegalArgumentException(range + " is not mapped");
        }
        mapped.remove(i);
        targets.remove(i);
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public MmioMapper mmioMapper() {
        return this;
    }

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        throw new AssertionError("pmem raises no interrupt itself");
    }

    @Override
    public MsiSink msi() {
        throw new AssertionError("not used");
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        throw new AssertionError("not used");
    }

    @Override
    public VmClock clock() {
        throw new AssertionError("not used");
    }

    @Override
    public PowerControl power() {
        throw new AssertionError("not used");
    }

    @Override
    public Waker waker(PollDevice device) {
        throw new AssertionError("not used");
    }
}
