package org.jvmm.hv.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A partition's deterministic guest time (QEMU's icount): nanoseconds that advance with retired
 * instructions and with the time a halted processor skips to its next deadline, never with the host
 * clock. Devices that read this clock and whose timers run through {@link #setDeviceTimer} on the
 * bootstrap processor's thread see the same time at the same instruction every run (with one
 * processor and the same inputs).
 */
@ProviderType
public interface DeterministicTime {
    /** Guest nanoseconds since the partition was created. Thread-safe. */
    long nanos();

    /**
     * Installs the device timer (null removes it). Processor 0 ends each run of guest code at the
     * timer's {@link DeviceTimer#nextDeadlineNanos() deadline}, calls {@link DeviceTimer#run} on its
     * own thread between instructions once that time has come, and when halted skips ahead to the
     * earlier of this deadline and its APIC timer's.
     */
    void setDeviceTimer(DeviceTimer timer);

    /**
     * The device timer's deadline may have moved earlier (a device was reprogrammed or has host input).
     * Thread-safe. Called on processor 0's thread (a guest I/O access) it ends the running stretch of
     * guest code at the next instruction boundary the emulator stops at, which is the same every run;
     * from another thread it also wakes a halted processor 0, at a point that depends on the host.
     */
    void deviceTimerChanged();
}
