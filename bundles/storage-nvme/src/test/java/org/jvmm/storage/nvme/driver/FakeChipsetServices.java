package org.jvmm.storage.nvme.driver;

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

/** Guest memory only: a PCI function gets everything else through its attachment. */
public final class FakeChipsetServices implements ChipsetServices {
    private final GuestMemory memory;

    public FakeChipsetServices(GuestMemory memory) {
        this.memory = memory;
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        throw new AssertionError("a PCI function's INTx comes from its attachment");
    }

    @Override
    public MsiSink msi() {
        throw new AssertionError("a PCI function's MSIs go through its attachment");
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        throw new AssertionError("not an interrupt controller");
    }

    @Override
    public VmClock clock() {
        throw new AssertionError("needs no clock");
    }

    @Override
    public PowerControl power() {
        throw new AssertionError("needs no power control");
    }

    @Override
    public MmioMapper mmioMapper() {
        throw new AssertionError("BARs map through the attachment");
    }

    @Override
    public Waker waker(PollDevice device) {
        throw new AssertionError("not polled");
    }
}
