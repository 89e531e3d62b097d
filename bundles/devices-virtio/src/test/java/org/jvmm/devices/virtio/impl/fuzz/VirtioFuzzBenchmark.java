package org.jvmm.devices.virtio.impl.fuzz;

/**
 * The benchmark-sized fuzz run: {@code args[0]} cases per device (default 1 000 000), {@code args[1]}
 * the seed. Prints one line per device and exits non-zero on the first violation. Run from the
 * repository root after {@code mvn -pl bundles/devices-virtio test-compile}:
 * <pre>
 * mvn -pl bundles/devices-virtio exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.jvmm.devices.virtio.impl.fuzz.VirtioFuzzBenchmark -Dexec.args=1000000
 * </pre>
 * or, equivalently, {@code mvn -pl bundles/devices-virtio test -Dtest=VirtioFuzzTest
 * -Djvmm.virtio.fuzz.cases=1000000}.
 */
public final class VirtioFuzzBenchmark {
    private VirtioFuzzBenchmark() {
    }

    public static void main(String[] args) {
        long cases = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        int failures = 0;
        for (FuzzTarget target : FuzzTargets.all()) {
            long start = System.nanoTime();
            try (VirtioFuzzer fuzzer = new VirtioFuzzer(target, seed)) {
                VirtioFuzzer.Report r = fuzzer.run(cases);
                double secs = (System.nanoTime() - start) / 1e9;
                System.out.printf("%-16s %,d cases in %.1f s (%,.0f/s): %,d chain batches, %,d used, %,d needs-reset, %,d probes; device %s%n",
                        target.name(), r.cases(), secs, r.cases() / secs, r.chainsOffered(), r.usedSeen(), r.needsReset(),
                        r.activations(), r.device());
            } catch (AssertionError e) {
                failures++;
                System.out.println(target.name() + " FAILED: " + e.getMessage());
                e.printStackTrace(System.out);
            }
        }
        if (failures > 0) {
            System.exit(1);
        }
    }
}
