package org.jvmm.vm.worker.impl.chipset;

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
import org.jvmm.vm.worker.impl.lifecycle.GuestEvent;

/** What chipset-device resolvers get as their {@link ChipsetServices} input. */
public record VmChipsetServices(GuestMemory memory, InterruptRouter router, VmClock clock, ChipsetBus bus,
        PollLoop pollLoop, GuestEvent.Sink events) implements ChipsetServices {

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        return router.line(gsi);
    }

    @Override
    public MsiSink msi() {
        return router;
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        return router;
    }

    @Override
    public PowerControl power() {
        return new PowerControl() {
            @Override
            public void powerOff() {
                events.post(new GuestEvent.PowerOff());
            }

            @Override
            public void reset() {
                events.post(new GuestEvent.Reset());
            }

            @Override
            public void exit(int status) {
                events.post(new GuestEvent.Exit(status));
            }
        };
    }

    @Override
    public MmioMapper mmioMapper() {
        return bus;
    }

    @Override
    public Waker waker(PollDevice device) {
        return pollLoop.waker(device);
    }
}
