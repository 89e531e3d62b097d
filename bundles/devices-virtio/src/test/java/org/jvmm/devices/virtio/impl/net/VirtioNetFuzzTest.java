package org.jvmm.devices.virtio.impl.net;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CI-sized virtio-net fuzz run: {@value #DEFAULT_CASES} cases per seed ({@code jvmm.virtio.fuzz.cases}
 * overrides, e.g. 1000000 for the benchmark-sized run; {@code jvmm.virtio.fuzz.seed} adds a seed of
 * one's own). The thresholds show the generator reaches every path: frames delivered, spread over
 * mergeable buffers, dropped for size, short buffers and bad transmits caught.
 */
class VirtioNetFuzzTest {
    static final int DEFAULT_CASES = 10_000;

    @ParameterizedTest
    @ValueSource(longs = {1, 2})
    void randomGuestBehaviourKeepsEveryFrameIntactAndNothingEscapes(long base) {
        long cases = Long.getLong("jvmm.virtio.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.fuzz.seed", 0x4E37_0000L) + base;
        try (NetFuzzer fuzzer = new NetFuzzer(seed)) {
            NetFuzzer.Report r = fuzzer.run(cases);
            assertTrue(r.delivered() > cases / 20, "many frames come back: " + r);
            assertTrue(r.multiBuffer() > cases / 2000, "some frames span mergeable buffers: " + r);
            assertTrue(r.inits() > cases / 200 && r.hostile() > cases / 200, "resets and malformed chains: " + r);
            for (String counter : new String[] {"rx_too_large", "rx_bad_buffers", "tx_errors", "rx_lost_on_reset"}) {
                assertTrue((long) r.device().get(counter) > 0, counter + " reached: " + r);
            }
        }
    }
}
