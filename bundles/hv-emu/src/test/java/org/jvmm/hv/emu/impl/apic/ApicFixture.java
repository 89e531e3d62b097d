package org.jvmm.hv.emu.impl.apic;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jvmm.hv.emu.impl.cpu.GuestClock;

/** A bus with a settable clock, a scripted PIC, recorded EOI broadcasts and kick counters. */
final class ApicFixture {
    /** A clock the test moves; TSC in ticks of {@code hz}. */
    static final class FakeClock implements GuestClock {
        long tsc;
        final long hz;

        FakeClock(long hz) {
            this.hz = hz;
        }

        @Override
        public long tsc() {
            return tsc;
        }

        @Override
        public long tscHz() {
            return hz;
        }

        void advanceNanos(long ns) {
            tsc += ns * hz / 1_000_000_000L;
        }
    }

    final FakeClock clock;
    final Deque<Integer> picVectors = new ArrayDeque<>();
    final AtomicInteger picAcks = new AtomicInteger();
    final List<Integer> eois = new ArrayList<>();
    final List<AtomicInteger> kicks = new ArrayList<>();
    final ApicBus bus;

    ApicFixture() {
        this(1_000_000_000L, ApicFeatures.DEFAULT);
    }

    ApicFixture(long hz, ApicFeatures features) {
        clock = new FakeClock(hz);
        bus = new ApicBus(clock, features, () -> {
            picAcks.incrementAndGet();
            Integer v = picVectors.poll();
            return v == null ? -1 : v;
        }, eois::add);
    }

    /** Adds APIC {@code id} (the first one added is the BSP). */
    LocalApic add(int id) {
        AtomicInteger k = new AtomicInteger();
        kicks.add(k);
        return bus.addApic(id, kicks.size() == 1, k::incrementAndGet);
    }

    /** Adds APICs 0..n-1, all software-enabled (SVR 0x1FF). */
    LocalApic[] enabled(int n) {
        LocalApic[] out = new LocalApic[n];
        for (int i = 0; i < n; i++) {
            out[i] = add(i);
            out[i].mmioWrite(ApicRegs.SVR, 4, 0x1FF);
        }
        return out;
    }

    int kicks(int index) {
        return kicks.get(index).get();
    }

    static long reg(LocalApic a, int offset) {
        return a.mmioRead(offset, 4);
    }

    static long msr(LocalApic a, int msr) {
        long[] out = new long[1];
        if (!a.readMsr(msr, out)) {
            throw new AssertionError("rdmsr 0x" + Integer.toHexString(msr) + " faulted");
        }
        return out[0];
    }

    static boolean msrFaults(LocalApic a, int msr) {
        return !a.readMsr(msr, new long[1]);
    }

    /** Takes the pending vector as the CPU does (poll, then acknowledge); -1 when none. */
    static int take(LocalApic a) {
        int v = a.pendingVector();
        if (v >= 0) {
            a.acknowledge(v);
        }
        return v;
    }

    static void eoi(LocalApic a) {
        a.mmioWrite(ApicRegs.EOI, 4, 0);
    }

    /** Puts the APIC in x2APIC mode through IA32_APIC_BASE. */
    static void enterX2apic(LocalApic a) {
        long base = msr(a, ApicRegs.MSR_APIC_BASE);
        if (!a.writeMsr(ApicRegs.MSR_APIC_BASE, base | ApicRegs.BASE_EXTD)) {
            throw new AssertionError("x2APIC enable faulted");
        }
    }
}
