package org.jvmm.chipset.api;

import org.jvmm.guestmem.GuestMemory;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What the VM offers a chipset device while it is being resolved: passed to chipset-device
 * resolvers as a resolve input.
 */
@ProviderType
public interface ChipsetServices {
    GuestMemory memory();

    /**
     * An interrupt line by global system interrupt number: 0..15 are the ISA IRQs (PIC and IOAPIC,
     * with the usual overrides), 16 and up IOAPIC-only inputs.
     */
    LineInterrupt lineInterrupt(int gsi);

    MsiSink msi();

    /** For interrupt controllers: the path to the processors. */
    CpuInterrupts cpuInterrupts();

    VmClock clock();

    PowerControl power();

    MmioMapper mmioMapper();

    /** A waker that makes the chipset poll {@code device} soon. */
    Waker waker(PollDevice device);
}
