package org.jvmm.devices.virtio.driver;

import java.util.HashMap;
import java.util.Map;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.api.Waker;
import org.jvmm.guestmem.GuestMemory;

/** Guest memory and recorded interrupt lines; the rest is not used by virtio-mmio and fails the test. */
public final class FakeChipsetServices implements ChipsetServices {
    private final GuestMemory memory;
    private final Map<Integer, FakeLine> lines = new HashMap<>();

    public FakeChipsetServices(GuestMemory memory) {
        this.memory = memory;
    }

    public synchronized FakeLine line(int gsi) {
        return lines.computeIfAbsent(gsi, g -> new FakeLine());
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        return line(gsi);
    }

    @Override
    public MsiSink msi() {
        throw new AssertionError("virtio-mmio uses no MSI");
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        throw new AssertionError("virtio-mmio is no interrupt controller");
    }

    @Override
    public VmClock clock() {
        throw new AssertionError("virtio-mmio needs no clock");
    }

    @Override
    public PowerControl power() {
        throw new AssertionError("virtio-mmio needs no power control");
    }

    @Override
    public MmioMapper mmioMapper() {
        throw new AssertionError("virtio-mmio maps no MMIO at run time");
    }

    @Override
    public Waker waker(PollDevice device) {
        throw new AssertionError("virtio-mmio is not polled");
    }
}
