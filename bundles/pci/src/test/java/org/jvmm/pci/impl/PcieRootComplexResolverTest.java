package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PciHost;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.api.Waker;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.testing.FakeLine;
import org.jvmm.pci.testing.FakeMmio;
import org.jvmm.vmm.resource.Inputs;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResolveException;
import org.jvmm.vmm.resource.ResourceHandle;
import org.junit.jupiter.api.Test;

class PcieRootComplexResolverTest {
    private final PcieRootComplexResolver resolver = new PcieRootComplexResolver();

    @Test
    void resolvesToAChipsetDeviceThatIsAPciHost() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(8L << 20))) {
            ChipsetDevice d = resolver.resolve(PcieRootComplexHandle.of("rc0")
                    .withRootPort(new PcieRootPortConfig("rp0", null, true)), new Context(new Services(memory)));
            assertEquals("rc0", d.name());
            PciHost host = d.pciHost().orElseThrow();
            assertTrue(host.info().nativeHotPlug());
            assertEquals(1L << 32, host.info().highMmio().orElseThrow().start());
            assertTrue(d.portIo().isPresent() && d.mmio().isPresent());
        }
    }

    @Test
    void theAutomatic64BitWindowStartsAboveRam() throws Exception {
        GuestMemoryLayout big = GuestMemoryLayout.pc(5L << 30);
        HostLayout layout = HostLayout.of(PcieRootComplexHandle.of("rc0"), big);
        assertEquals(6L << 30, layout.highMmio().orElseThrow().start(), "RAM ends at 6 GiB (2 GiB above 4 GiB)");
    }

    @Test
    void failuresNameTheResource() throws Exception {
        ResolveException e = assertThrows(ResolveException.class,
                () -> resolver.resolve(PcieRootComplexHandle.of("rc0"), new Context(null)));
        assertTrue(e.getMessage().startsWith("chipset_device_handle:pcie_root_complex at chipset[0] failed: no"
                + " ChipsetServices"), e.getMessage());
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.flat(0xD000_0000L))) {
            e = assertThrows(ResolveException.class,
                    () -> resolver.resolve(PcieRootComplexHandle.of("rc0"), new Context(new Services(memory))));
            assertTrue(e.getMessage().contains("rc0-mmio32 0xc0000000-0xdfffffff overlaps guest RAM"), e.getMessage());
        }
    }

    @Test
    void aFunctionWithoutFunctionZeroIsRefused() throws Exception {
        try (GuestMemory memory = GuestMemory.create(GuestMemoryLayout.pc(8L << 20))) {
            ResolveException e = assertThrows(ResolveException.class, () -> resolver.resolve(
                    PcieRootComplexHandle.of("rc0").withRootPort(new PcieRootPortConfig("a", "3.2", false)),
                    new Context(new Services(memory))));
            assertTrue(e.getMessage().contains("root port a at 3.2 needs a root port at function 0 of device 3"),
                    e.getMessage());
        }
    }

    /** A resolve context that only carries inputs. */
    private record Context(ChipsetServices services) implements ResolveContext {
        @Override
        public <T> T resolve(ResourceHandle sub, Class<T> type) {
            throw new UnsupportedOperationException("the root complex has no sub-handles");
        }

        @Override
        public <T> Optional<T> input(Class<T> type) {
            return type == ChipsetServices.class ? Optional.ofNullable(type.cast(services)) : Optional.empty();
        }

        @Override
        public Inputs inputs() {
            return services == null ? Inputs.EMPTY : Inputs.of(services);
        }

        @Override
        public String path() {
            return "chipset[0]";
        }

        @Override
        public ResolveContext child(String pathSegment) {
            return this;
        }

        @Override
        public ResolveContext withInputs(Inputs more) {
            return this;
        }
    }

    /** Chipset services with fake lines and MMIO; the parts a root complex does not use refuse. */
    private record Services(GuestMemory memory, Map<Integer, FakeLine> lines, FakeMmio mmio) implements ChipsetServices {
        Services(GuestMemory memory) {
            this(memory, new HashMap<>(), new FakeMmio());
        }

        @Override
        public LineInterrupt lineInterrupt(int gsi) {
            return lines.computeIfAbsent(gsi, g -> new FakeLine());
        }

        @Override
        public MsiSink msi() {
            return (a, d) -> { };
        }

        @Override
        public CpuInterrupts cpuInterrupts() {
            throw new UnsupportedOperationException();
        }

        @Override
        public VmClock clock() {
            throw new UnsupportedOperationException();
        }

        @Override
        public PowerControl power() {
            throw new UnsupportedOperationException();
        }

        @Override
        public MmioMapper mmioMapper() {
            return mmio;
        }

        @Override
        public Waker waker(PollDevice device) {
            throw new UnsupportedOperationException();
        }
    }
}
