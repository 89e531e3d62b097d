package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition that becomes true asynchronously (service events, DS activation). */
final class Eventually {
    private static final Duration DEADLINE = Duration.ofSeconds(10);
    private static final long STEP_MILLIS = 20;

    private Eventually() {
    }

    /** Waits until {@code probe} yields a value; fails naming {@code what} after the deadline. */
    static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        long end = System.nanoTime() + DEADLINE.toNanos();
        while (true) {
            Optional<T> value = probe.get();
            if (value.isPresent()) {
                return value.get();
            }
            if (System.nanoTime() > end) {
                return fail("timed out after " + DEADLINE.toSeconds() + " s waiting for " + what);
            }
            Thread.sleep(STEP_MILLIS);
        }
    }

    /** Waits until {@code condition} holds; fails naming {@code what} after the deadline. */
    static void until(String what, BooleanSupplier condition) throws InterruptedException {
        await(what, () -> condition.getAsBoolean() ? Optional.of(Boolean.TRUE) : Optional.empty());
    }
}
