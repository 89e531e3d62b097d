package org.jvmm.chipset.impl;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.CpuInterrupts;
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

/** ChipsetServices for tests: recorded lines, MSIs, PIC output and power requests, a clock to advance. */
public final class FakeChipset implements ChipsetServices {
    public final Map<Integer, FakeLine> lines = new HashMap<>();
    public final FakeCpu cpu = new FakeCpu();
    public final FakeClock clock = new FakeClock();
    public final FakePower power = new FakePower();
    public final Map<PollDevice, Integer> wakes = new HashMap<>();
    public final List<Msi> deviceMsis = new ArrayList<>();
    private final GuestMemory memory;

    public FakeChipset() {
        this(null);
    }

    public FakeChipset(GuestMemory memory) {
        this.memory = memory;
    }

    public FakeLine line(int gsi) {
        return lines.computeIfAbsent(gsi, g -> new FakeLine());
    }

    public int wakes(PollDevice device) {
        return wakes.getOrDefault(device, 0);
    }

    @Override
    public GuestMemory memory() {
        if (memory == null) {
            throw new IllegalStateException("this FakeChipset has no guest memory");
        }
        return memory;
    }

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        return line(gsi);
    }

    @Override
    public MsiSink msi() {
        return (address, data) -> deviceMsis.add(new Msi(address, data));
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        return cpu;
    }

    @Override
    public VmClock clock() {
        return clock;
    }

    @Override
    public PowerControl power() {
        return power;
    }

    @Override
    public MmioMapper mmioMapper() {
        return new MmioMapper() {
            @Override
            public void map(MmioRange range, MmioIntercept target) {
                throw new IllegalStateException("chipset devices in these tests map no MMIO at run time");
            }

            @Override
            public void unmap(MmioRange range) {
                throw new IllegalStateException("chipset devices in these tests map no MMIO at run time");
            }
        };
    }

    @Override
    public Waker waker(PollDevice device) {
        return () -> {
            synchronized (wakes) {
                wakes.merge(device, 1, Integer::sum);
            }
        };
    }

    public record Msi(long address, int data) {
    }

    /** A line that records its level and counts rising edges. */
    public static final class FakeLine implements LineInterrupt {
        public boolean level;
        public int rises;
        public final List<Boolean> history = new ArrayList<>();

        @Override
        public synchronized void setLevel(boolean high) {
            if (high && !level) {
                rises++;
            }
            level = high;
            history.add(high);
        }
    }

    public static final class FakeCpu implements CpuInterrupts {
        public boolean picOutput;
        public int picOutputChanges;
        public final List<Msi> msis = new ArrayList<>();

        @Override
        public synchronized void setPicOutput(boolean asserted) {
            picOutput = asserted;
            picOutputChanges++;
        }

        @Override
        public synchronized void signalMsi(long address, int data) {
            msis.add(new Msi(address, data));
        }

        @Override
        public void nmi(int vp) {
            throw new IllegalStateException("no chipset device sends NMIs");
        }
    }

    public static final class FakeClock implements VmClock {
        private long nanos = 1_000_000L;

        @Override
        public synchronized long nanos() {
            return nanos;
        }

        public synchronized void advance(long delta) {
            nanos += delta;
        }

        public synchronized void set(long value) {
            nanos = value;
        }
    }

    public static final class FakePower implements PowerControl {
        public int powerOffs;
        public int resets;
        public final java.util.List<Integer> exits = new java.util.ArrayList<>();

        @Override
        public synchronized void powerOff() {
            powerOffs++;
        }

        @Override
        public synchronized void reset() {
            resets++;
        }

        @Override
        public synchronized void exit(int status) {
            exits.add(status);
        }
    }
}
