package org.jvmm.itest;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

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
import org.jvmm.guestmem.GuestMemoryLayout;

/**
 * The {@link ChipsetServices} resolve input the VM worker would give chipset and PCI device
 * resolvers, for resolving transports through the registry without a VM: real guest memory (a PC
 * layout) and interrupt lines, MSIs, MMIO mappings, power requests and wake-ups that are recorded
 * for the test to check.
 */
final class RecordingChipsetServices implements ChipsetServices, AutoCloseable {
    private final GuestMemory memory;
    private final long startNanos = System.nanoTime();
    private final Map<Integer, Boolean> lineLevels = new ConcurrentHashMap<>();
    private final Map<Integer, AtomicInteger> lineRaises = new ConcurrentHashMap<>();
    private final List<long[]> msis = new CopyOnWriteArrayList<>();
    private final Map<MmioRange, MmioIntercept> mapped = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private RecordingChipsetServices(GuestMemory memory) {
        this.memory = memory;
    }

    /** Services over {@code ramBytes} of fresh guest RAM in the PC layout. */
    static RecordingChipsetServices withRam(long ramBytes) throws IOException {
        return new RecordingChipsetServices(GuestMemory.create(GuestMemoryLayout.pc(ramBytes)));
    }

    @Override
    public GuestMemory memory() {
        return memory;
    }

    @Override
    public LineInterrupt lineInterrupt(int gsi) {
        return high -> {
            Boolean before = lineLevels.put(gsi, high);
            if (high && !Boolean.TRUE.equals(before)) {
                lineRaises.computeIfAbsent(gsi, g -> new AtomicInteger()).incrementAndGet();
            }
        };
    }

    @Override
    public MsiSink msi() {
        return (address, data) -> msis.add(new long[] {address, data});
    }

    @Override
    public CpuInterrupts cpuInterrupts() {
        return new CpuInterrupts() {
            @Override
            public void setPicOutput(boolean asserted) {
                events.add("pic-output " + asserted);
            }

            @Override
            public void signalMsi(long address, int data) {
                msis.add(new long[] {address, data});
            }

            @Override
            public void nmi(int vp) {
                events.add("nmi " + vp);
            }
        };
    }

    @Override
    public VmClock clock() {
        return () -> System.nanoTime() - startNanos;
    }

    @Override
    public PowerControl power() {
        return new PowerControl() {
            @Override
            public void powerOff() {
                events.add("power-off");
            }

            @Override
            public void reset() {
                events.add("reset");
            }

            @Override
            public void exit(int status) {
                events.add("exit " + status);
            }
        };
    }

    @Override
    public MmioMapper mmioMapper() {
        return new MmioMapper() {
            @Override
            public void map(MmioRange range, MmioIntercept target) {
                mapped.put(range, target);
            }

            @Override
            public void unmap(MmioRange range) {
                mapped.remove(range);
            }
        };
    }

    @Override
    public Waker waker(PollDevice device) {
        return () -> events.add("wake " + device.getClass().getSimpleName());
    }

    /** The level {@code gsi} was last set to (false when never set). */
    boolean lineHigh(int gsi) {
        return lineLevels.getOrDefault(gsi, false);
    }

    /** How often {@code gsi} went from low to high. */
    int raises(int gsi) {
        AtomicInteger n = lineRaises.get(gsi);
        return n == null ? 0 : n.get();
    }

    /** Power requests, NMIs, PIC output changes and wake-ups, in order ({@code power-off}, {@code nmi 0}, ...). */
    List<String> events() {
        return List.copyOf(events);
    }

    /** MSIs signalled, as {address, data}. */
    List<long[]> msis() {
        return List.copyOf(msis);
    }

    /** The MMIO ranges mapped through {@link #mmioMapper()} and not unmapped since. */
    Map<MmioRange, MmioIntercept> mapped() {
        return Map.copyOf(mapped);
    }

    @Override
    public void close() {
        memory.close();
    }
}
