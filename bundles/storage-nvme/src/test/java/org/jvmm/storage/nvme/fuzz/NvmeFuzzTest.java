package org.jvmm.storage.nvme.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Random commands and PRP lists against the controller. The CI run is small; for the long run set
 * {@code -Djvmm.nvme.fuzz.cases=1000000} (and optionally {@code -Djvmm.nvme.fuzz.seed=N}), e.g.
 * {@code mvn -f bundles/storage-nvme/pom.xml test -Dtest=NvmeFuzzTest -Djvmm.nvme.fuzz.cases=1000000}.
 */
class NvmeFuzzTest {
    private static final long CASES = Long.getLong("jvmm.nvme.fuzz.cases", 20_000);
    private static final long SEED = Long.getLong("jvmm.nvme.fuzz.seed", 0x5EED);
    private static final int RUNS = 4;

    @Test
    void randomCommandsNeverEscapeOrTouchMemoryOutsideRam() {
        long done = 0;
        long start = System.nanoTime();
        Map<String, Integer> statuses = new TreeMap<>();
        for (int run = 0; run < RUNS; run++) {
            try (NvmeFuzzer fuzzer = new NvmeFuzzer(SEED + run)) {
                fuzzer.run(CASES / RUNS);
                done += fuzzer.commands();
                fuzzer.statuses().forEach((k, v) -> statuses.merge(k, v, Integer::sum));
            }
        }
        assertTrue(done >= CASES / RUNS * RUNS);
        for (String s : List.of("io success", "io data transfer error", "io PRP offset invalid", "io LBA out of range",
                "admin success", "admin invalid queue identifier")) {
            assertTrue(statuses.containsKey(s), "the generator reaches '" + s + "': " + statuses);
        }
        System.out.printf("nvme fuzz: %d commands in %.1f s (seed %d): %s%n", done, (System.nanoTime() - start) / 1e9,
                SEED, statuses);
    }
}
