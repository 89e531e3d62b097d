package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.api.PciConfigSpace;
import org.jvmm.pci.api.PciIdentity;
import org.jvmm.pci.api.PciRegisters;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.testing.Msi;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

/**
 * A root complex with rp0 (hot-plug, an endpoint with a BAR and MSI-X behind it) and rp1 (empty),
 * programmed as a guest would (buses renumbered, windows and the BAR moved, MSI-X and hot-plug
 * interrupts set up), saved, and restored into a fresh root complex with a fresh endpoint, as a
 * snapshot restore does (root complex first, then each function's own unit).
 */
class RootComplexStateTest {
    private static final long BAR = 0xC400_0000L;
    private static final long TABLE = BAR + 0x2000;
    private static final int BUS = 5;

    /** An endpoint whose unit is its config space (what a function without other state saves). */
    private static final class Endpoint implements ChipsetDevice {
        final RegisterBar regs = new RegisterBar(0x4000);
        final PciConfigSpace config = PciConfigSpace.builder(PciIdentity.of(0x1AF4, 0x1050, 1, 0xFF0000))
                .interruptPin(1).bar(BarSpec.memory32(0, 0x4000, false, regs)).msix(4, 0, 0x2000, 0, 0x3000)
                .pcieEndpoint().build();
        final boolean stateful;

        Endpoint(boolean stateful) {
            this.stateful = stateful;
        }

        @Override
        public String name() {
            return "ep";
        }

        @Override
        public Optional<PciConfigIntercept> pciConfig() {
            return Optional.of(config);
        }

        @Override
        public Optional<StateUnit> state() {
            if (!stateful) {
                return Optional.empty();
            }
            return Optional.of(new StateUnit() {
                @Override
                public String unitName() {
                    return "test.endpoint";
                }

                @Override
                public int version() {
                    return 1;
                }

                @Override
                public byte[] save() {
                    return StateCodec.write(config::saveState);
                }

                @Override
                public void restore(int version, byte[] state) throws StateUnitException {
                    StateCodec.read(this, version, state, config::restoreState);
                }
            });
        }

        @Override
        public void reset() {
            config.reset();
        }

        @Override
        public void inspect(InspectNode node) {
            config.inspect(node);
        }
    }

    private static PcieRootComplexHandle handle() {
        return PcieRootComplexHandle.of("rc0").withRootPort(new PcieRootPortConfig("rp0", null, true))
                .withRootPort(new PcieRootPortConfig("rp1", null, false));
    }

    private record Vm(RootComplexFixture f, Endpoint ep) {
    }

    private static Vm coldPlugged(boolean stateful) throws Exception {
        RootComplexFixture f = new RootComplexFixture(handle());
        Endpoint ep = new Endpoint(stateful);
        f.rc.attach(PciPlacement.port("rp0"), ep);
        return new Vm(f, ep);
    }

    /** What a guest does after boot: renumbers, moves the window and the BAR, sets up MSI-X and pciehp. */
    private static Vm programmed() throws Exception {
        Vm vm = coldPlugged(true);
        RootComplexFixture f = vm.f();
        assertEquals(1, f.cf8(0, 1, 0, 0x18) >>> 8 & 0xFF, "firmware put rp0's bus at 1");
        assertNotEquals(BAR, Integer.toUnsignedLong(f.cf8(1, 0, 0, 0x10)) & ~0xFL, "firmware chose another address");
        f.cf8Write(0, 1, 0, 0x18, 4, BUS << 16 | BUS << 8);
        f.cf8Write(0, 2, 0, 0x18, 4, 6 << 16 | 6 << 8);
        f.cf8Write(0, 1, 0, 0x20, 4, 0xC400_C400L);
        f.cf8Write(BUS, 0, 0, 0x04, 2, 0);
        f.cf8Write(BUS, 0, 0, 0x10, 4, BAR);
        f.cf8Write(BUS, 0, 0, 0x04, 2, PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER);
        int msix = f.capability(BUS, 0, 0, PciRegisters.CAP_MSIX);
        f.cf8Write(BUS, 0, 0, msix + 2, 2, 0x8000);
        assertEquals(IoResult.OK, f.mmio.write(TABLE + 16, 4, 0xFEE0_0000L));
        assertEquals(IoResult.OK, f.mmio.write(TABLE + 24, 4, 0x51));
        assertEquals(IoResult.OK, f.mmio.write(TABLE + 28, 4, 0));
        int pcie = f.capability(0, 1, 0, PciRegisters.CAP_PCIE);
        int msi = f.capability(0, 1, 0, PciRegisters.CAP_MSI);
        f.cf8Write(0, 1, 0, msi + 4, 4, 0xFEE0_0000L);
        f.cf8Write(0, 1, 0, msi + 12, 2, 0x4031);
        f.cf8Write(0, 1, 0, msi + 2, 2, 1);
        f.cf8Write(0, 1, 0, 0x04, 2, PciRegisters.COMMAND_MEMORY | PciRegisters.COMMAND_BUS_MASTER);
        f.cf8Write(0, 1, 0, pcie + 0x18, 2, 1 << 5 | 1 << 12 | 1 << 4);
        f.msis.clear();
        return vm;
    }

    private static int[] dwords(RootComplexFixture f, int bus, int dev) {
        int[] out = new int[0x100 / 4];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.ecam(bus, dev, 0, 4 * i);
        }
        return out;
    }

    private static StateUnit unit(ChipsetDevice d) {
        return d.state().orElseThrow();
    }

    @Test
    void aFreshRootComplexReadsTheSameAndTheBarDecodesWhereTheGuestPutIt() throws Exception {
        Vm a = programmed();
        byte[] rc = unit(a.f().rc).save();
        byte[] ep = unit(a.ep()).save();

        Vm b = coldPlugged(true);
        unit(b.f().rc).restore(1, rc);
        unit(b.ep()).restore(1, ep);

        for (int[] bdf : new int[][] {{0, 0}, {0, 1}, {0, 2}, {BUS, 0}}) {
            assertArrayEquals(dwords(a.f(), bdf[0], bdf[1]), dwords(b.f(), bdf[0], bdf[1]),
                    String.format("config space of %02x:%02x.0", bdf[0], bdf[1]));
        }
        assertEquals(-1, b.f().cf8(1, 0, 0, 0), "nothing answers on the firmware's bus 1 any more");
        assertTrue(b.f().rc.guestStarted(), "the firmware pass does not run again");
        assertEquals(IoResult.OK, b.f().mmio.write(BAR + 0x40, 4, 0xAB));
        assertEquals(List.of("w4@64"), b.ep().regs.accesses, "MMIO at the restored BAR reaches the function");
        assertEquals(1, b.f().mmio.mapped.keySet().stream().filter(r -> r.name().contains("BAR0")).count(),
                "the firmware's mapping is gone");
        assertEquals(0x51, b.f().mmio.read(TABLE + 24, 4), "MSI-X table entry");
        assertTrue(b.ep().config.signal(1));
        assertEquals(List.of(new Msi(0xFEE0_0000L, 0x51)), b.f().msis, "vector 1 as the guest programmed it");
    }

    @Test
    void slotEventsPendingAtSaveComeBackWithoutANewInterrupt() throws Exception {
        Vm a = programmed();
        int pcie = a.f().capability(0, 1, 0, PciRegisters.CAP_PCIE);
        assertEquals(1 << 4, a.f().cf8(0, 1, 0, pcie + 0x18) >>> 16 & 1 << 4, "command completed, signalled, pending");
        byte[] rc = unit(a.f().rc).save();

        Vm b = coldPlugged(true);
        unit(b.f().rc).restore(1, rc);
        assertEquals(List.of(), b.f().msis, "restoring sends nothing");
        int status = b.f().cf8(0, 1, 0, pcie + 0x18) >>> 16;
        assertEquals(1 << 4 | 1 << 6, status & (1 << 4 | 1 << 6), "command completed pending, presence detected");
        b.f().cf8Write(0, 1, 0, pcie + 0x1A, 2, 1 << 4);
        b.f().cf8Write(0, 1, 0, pcie + 0x18, 2, 1 << 5 | 1 << 12 | 1 << 4);
        assertEquals(1, b.f().msis.size(), "the next command completes with an interrupt, as before");
    }

    @Test
    void aFunctionWithoutStateIsNamedWhenSaving() throws Exception {
        Vm a = coldPlugged(false);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> unit(a.f().rc).save());
        StateUnitException cause = assertInstanceOf(StateUnitException.class, e.getCause());
        assertTrue(cause.getMessage().contains("01:00.0 (ep)"), cause.getMessage());
    }

    @Test
    void anotherSetOfFunctionsIsRefusedAndThePortsAreLeftAsTheyWere() throws Exception {
        Vm a = programmed();
        byte[] rc = unit(a.f().rc).save();
        RootComplexFixture empty = new RootComplexFixture(handle());
        int[] before = dwords(empty, 0, 1);
        StateUnitException e = assertThrows(StateUnitException.class, () -> unit(empty.rc).restore(1, rc));
        assertTrue(e.getMessage().contains("05:00.0 ep"), e.getMessage());
        assertArrayEquals(before, dwords(empty, 0, 1), "rp0 rolled back");
    }

    @Test
    void otherPortsAndUnknownVersionsAreRefused() throws Exception {
        Vm a = programmed();
        byte[] rc = unit(a.f().rc).save();
        RootComplexFixture one = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
                .withRootPort(new PcieRootPortConfig("rp0", null, true)));
        StateUnitException ports = assertThrows(StateUnitException.class, () -> unit(one.rc).restore(1, rc));
        assertTrue(ports.getMessage().contains("[rp0, rp1]"), ports.getMessage());
        StateUnitException version = assertThrows(StateUnitException.class, () -> unit(a.f().rc).restore(2, rc));
        assertTrue(version.getMessage().contains("version 2"), version.getMessage());
    }
}
