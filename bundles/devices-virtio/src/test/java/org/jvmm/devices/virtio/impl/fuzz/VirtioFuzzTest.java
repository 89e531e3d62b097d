package org.jvmm.devices.virtio.impl.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI-sized fuzz run: {@value #DEFAULT_CASES} cases per device (system property
 * {@code jvmm.virtio.fuzz.cases} overrides, {@code jvmm.virtio.fuzz.seed} picks the seed). The
 * benchmark-sized run is {@link VirtioFuzzBenchmark}.
 */
class VirtioFuzzTest {
    static final int DEFAULT_CASES = 20_000;

    static Stream<FuzzTarget> targets() {
        return FuzzTargets.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomGuestBehaviourNeverEscapesTheDevice(FuzzTarget target) {
        long cases = Long.getLong("jvmm.virtio.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.fuzz.seed", 0x5EED_0000L + target.name().hashCode());
        try (VirtioFuzzer fuzzer = new VirtioFuzzer(target, seed)) {
            VirtioFuzzer.Report report = fuzzer.run(cases);
            assertTrue(report.activations() > cases / 100, "the probe succeeds often: " + report);
            assertTrue(report.usedSeen() > cases / 20, "many chains get through the checks and complete: " + report);
            assertTrue(report.needsReset() > cases / 200, "malformed chains are caught: " + report);
        }
    }
}
