package org.jvmm.hv.emu.impl.cpu.jit;

import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.ToLongFunction;
import org.jvmm.hv.emu.impl.cpu.decode.Block;

/**
 * Translations made on the background thread but not yet handed to the processors: each is published
 * (through {@link Block#compiled}) once HotSpot has compiled its {@code run} method, or after
 * {@link #MAX_WAIT_NANOS} at the latest. A fresh hidden class runs in HotSpot's bytecode interpreter
 * until C1 has compiled it, several times slower than jvmm's own interpreter running the same blocks
 * (measured on the Debian boot: 8% of the processor's time went there). So the blocks stay with
 * jvmm's interpreter meanwhile.
 *
 * <p>Whether {@code run} is compiled is seen by timing its readiness probe, {@code run(null, -1)}
 * ({@link CompiledBlock#run}), which returns at once: a call costs 1-2 ns compiled against 18 ns and
 * more interpreted. The probe calls also count as invocations, so they are what makes HotSpot queue
 * the method for C1 without waiting for the processor's runs. Timing never decides what the guest
 * computes, only when translated code takes over (as the background thread's timing already does).
 */
final class CompileWait {

    /** Longest wait for HotSpot; then the translation is published anyway (no JIT, a full code cache). */
    static final long MAX_WAIT_NANOS = 1_000_000_000L;
    /** A probe call's cost below which the method counts as compiled. */
    static final long COMPILED_NANOS_PER_CALL = 12;
    private static final int CALLS = 64;
    private static final int ROUNDS = 4;

    private record Waiting(Block block, CompiledBlock code, long since) {
    }

    private final List<Waiting> waiting = new ArrayList<>();
    private final ToLongFunction<CompiledBlock> probeNanosPerCall;
    private final LongSupplier clock;
    /** Written by the one thread that uses this, read by others (statistics). */
    private volatile long byProbe;
    private volatile long byTimeout;

    /** Times real probe calls on the system clock. */
    CompileWait() {
        this(CompileWait::probe, System::nanoTime);
    }

    CompileWait(ToLongFunction<CompiledBlock> probeNanosPerCall, LongSupplier clock) {
        this.probeNanosPerCall = probeNanosPerCall;
        this.clock = clock;
    }

    /** Holds {@code code}, the translation of {@code block}, until it is compiled. */
    void add(Block block, CompiledBlock code) {
        waiting.add(new Waiting(block, code, clock.getAsLong()));
    }

    boolean isEmpty() {
        return waiting.isEmpty();
    }

    /** Probes every waiting translation and publishes those compiled or waiting too long. */
    void publishReady() {
        long now = clock.getAsLong();
        for (int k = waiting.size() - 1; k >= 0; k--) {
            Waiting w = waiting.get(k);
            boolean compiled = probeNanosPerCall.applyAsLong(w.code()) < COMPILED_NANOS_PER_CALL;
            if (compiled || now - w.since() > MAX_WAIT_NANOS) {
                w.block().compiled = w.code();
                waiting.set(k, waiting.getLast());
                waiting.removeLast();
                if (compiled) {
                    byProbe++;
                } else {
                    byTimeout++;
                }
            }
        }
    }

    /** Translations published once HotSpot had compiled them. */
    long byProbe() {
        return byProbe;
    }

    /** Translations published after {@link #MAX_WAIT_NANOS} without being seen compiled. */
    long byTimeout() {
        return byTimeout;
    }

    /** The least time per call of {@value #ROUNDS} rounds of {@value #CALLS} probe calls. */
    private static long probe(CompiledBlock code) {
        long best = Long.MAX_VALUE;
        for (int round = 0; round < ROUNDS; round++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < CALLS; i++) {
                code.run(null, -1);
            }
            best = Math.min(best, System.nanoTime() - t0);
        }
        return best / CALLS;
    }
}
