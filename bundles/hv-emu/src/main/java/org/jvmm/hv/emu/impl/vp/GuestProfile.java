package org.jvmm.hv.emu.impl.vp;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;

/**
 * A sampling profile of where the guest spends its time, for tuning the emulator against real
 * guests: with the system property {@value #PROPERTY}{@code =PREFIX}, a daemon thread reads the VP's
 * instruction pointer every millisecond (a racy read of a plain field: good enough for a histogram)
 * and counts it, or counts "halted" while the VP sleeps in HLT. Each time the VP loop returns, the
 * histogram so far is written to {@code PREFIX.vpN}: the totals, then one line per address,
 * {@code hex-address samples}, most frequent first. {@code scripts/bench/profile-symbols.sh} maps
 * the addresses to kernel symbols.
 */
final class GuestProfile {
    static final String PROPERTY = "jvmm.emu.profile";
    private static final int TOP = 400;

    private final Path file;
    private final LongSupplier rip;
    private final IntSupplier halted;
    private final Map<Long, long[]> counts = new HashMap<>();
    private long samples;
    private long haltedSamples;
    private volatile boolean running = true;

    private GuestProfile(Path file, LongSupplier rip, IntSupplier halted) {
        this.file = file;
        this.rip = rip;
        this.halted = halted;
    }

    /** A started profile when {@value #PROPERTY} is set, else null. */
    static GuestProfile startIfAsked(int vp, LongSupplier rip, IntSupplier halted) {
        String prefix = System.getProperty(PROPERTY);
        if (prefix == null || prefix.isBlank()) {
            return null;
        }
        GuestProfile p = new GuestProfile(Path.of(prefix + ".vp" + vp), rip, halted);
        Thread.ofPlatform().daemon().name("jvmm-emu-profile-vp" + vp).start(p::sample);
        return p;
    }

    private void sample() {
        while (running) {
            try {
                Thread.sleep(1);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (this) {
                samples++;
                if (halted.getAsInt() != 0) {
                    haltedSamples++;
                } else {
                    counts.computeIfAbsent(rip.getAsLong(), k -> new long[1])[0]++;
                }
            }
        }
    }

    /** Writes the histogram so far. */
    synchronized void write() {
        List<Map.Entry<Long, long[]>> top = new ArrayList<>(counts.entrySet());
        top.sort((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(file))) {
            w.printf("# samples %d halted %d running %d%n", samples, haltedSamples, samples - haltedSamples);
            for (Map.Entry<Long, long[]> e : top.subList(0, Math.min(TOP, top.size()))) {
                w.printf("%016x %d%n", e.getKey(), e.getValue()[0]);
            }
        } catch (IOException e) {
            System.getLogger(GuestProfile.class.getName()).log(System.Logger.Level.WARNING,
                    "writing the guest profile " + file + " failed: " + e);
        }
    }
}
