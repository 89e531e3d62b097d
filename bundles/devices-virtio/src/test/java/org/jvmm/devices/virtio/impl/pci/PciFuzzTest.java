package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.driver.EchoDevice;
import org.jvmm.devices.virtio.driver.MemDisk;
import org.jvmm.devices.virtio.impl.blk.VirtioBlk;
import org.jvmm.devices.virtio.impl.rng.VirtioRng;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CI-sized fuzz run of the virtio-pci transport: {@value #DEFAULT_CASES} cases per device.
 * {@code -Djvmm.virtio.pci.fuzz.cases=1000000} gives the benchmark-sized run and
 * {@code -Djvmm.virtio.pci.fuzz.seed=...} picks the seed:
 * <pre>
 * mvn -pl bundles/devices-virtio test -Dtest=PciFuzzTest -Djvmm.virtio.pci.fuzz.cases=1000000
 * </pre>
 */
class PciFuzzTest {
    static final int DEFAULT_CASES = 20_000;

    static Stream<Arguments> targets() {
        Supplier<VirtioDevice> echo = () -> new EchoDevice(1L << 3, 2, 16);
        Supplier<VirtioDevice> rng = () -> new VirtioRng(new Random(7));
        Supplier<VirtioDevice> blk = () -> new VirtioBlk(new MemDisk(512, 64, false, true, null, null), false);
        return Stream.of(Arguments.of("echo", echo), Arguments.of("virtio-rng", rng), Arguments.of("virtio-blk", blk));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targets")
    void randomGuestBehaviourKeepsTheTransportsInvariants(String name, Supplier<VirtioDevice> device) {
        long cases = Long.getLong("jvmm.virtio.pci.fuzz.cases", DEFAULT_CASES);
        long seed = Long.getLong("jvmm.virtio.pci.fuzz.seed", 0x9C1_0000L + name.hashCode());
        try (PciFuzzer fuzzer = new PciFuzzer(name, seed)) {
            PciFuzzer.Report report = fuzzer.run(device.get(), cases);
            assertTrue(report.activations() > cases / 100, "probes get to DRIVER_OK: " + report);
            assertTrue(report.requests() > cases / 20, "requests are offered: " + report);
            assertTrue(report.messages() > cases / 100, "MSI-X messages are sent: " + report);
            assertTrue(report.windowAccesses() > cases / 200, "the PCI_CFG window is used: " + report);
        }
    }
}
