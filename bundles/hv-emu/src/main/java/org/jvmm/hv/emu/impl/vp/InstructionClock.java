package org.jvmm.hv.emu.impl.vp;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.jvmm.hv.api.DeterministicTime;
import org.jvmm.hv.api.DeviceTimer;
import org.jvmm.hv.emu.impl.cpu.Cpu;
import org.jvmm.hv.emu.impl.cpu.GuestClock;

/**
 * Deterministic guest time, like QEMU's icount: one retired instruction is one nanosecond, plus the
 * time skipped when a halted processor jumps ahead to its next timer deadline instead of sleeping.
 * The TSC and the APIC timers both follow it, so with one processor the same guest and inputs see the
 * same time at the same instruction every run. (With several processors on their own threads the sum
 * of their counts still advances time, but the interleaving, and so the result, is not reproducible.)
 * The chipset's clock reads it too, and its device timer runs on processor 0's thread (see
 * {@link DeterministicTime}).
 */
public final class InstructionClock implements GuestClock, DeterministicTime {
    private static final long NS = 1_000_000_000L;

    private final long hz;
    private final AtomicLong skipped = new AtomicLong();
    private volatile Cpu[] cpus = new Cpu[0];
    private volatile DeviceTimer deviceTimer;
    /** Tells processor 0's loop that the device deadline may have moved; set when processor 0 is built. */
    private volatile Runnable deviceTimerListener = () -> { };

    public InstructionClock(long hz) {
        this.hz = hz;
    }

    synchronized void add(Cpu cpu) {
        Cpu[] next = Arrays.copyOf(cpus, cpus.length + 1);
        next[next.length - 1] = cpu;
        cpus = next;
    }

    /** Guest nanoseconds: instructions retired by every processor plus the time skipped in halts. */
    @Override
    public long nanos() {
        long n = skipped.get();
        for (Cpu c : cpus) {
            n += c.retired();
        }
        return n;
    }

    /** Moves time forward to {@code nanos} (a timer deadline) if it is not there yet. */
    void skipTo(long nanos) {
        long gap = nanos - nanos();
        if (gap > 0) {
            skipped.addAndGet(gap);
        }
    }

    /** Sets guest time to {@code nanos} (a snapshot's), whatever the processors have retired so far. */
    public void restoreNanos(long nanos) {
        long retired = nanos() - skipped.get();
        skipped.set(nanos - retired);
    }

    @Override
    public void setDeviceTimer(DeviceTimer timer) {
        deviceTimer = timer;
        deviceTimerChanged();
    }

    @Override
    public void deviceTimerChanged() {
        deviceTimerListener.run();
    }

    /** The chipset's device timer, or null. */
    DeviceTimer deviceTimer() {
        return deviceTimer;
    }

    /** Processor 0's loop, told of {@link #deviceTimerChanged()}. */
    void listenForDeviceTimer(Runnable listener) {
        deviceTimerListener = listener;
    }

    @Override
    public long tsc() {
        long n = nanos();
        return n / NS * hz + n % NS * hz / NS;
    }

    @Override
    public long tscHz() {
        return hz;
    }
}
