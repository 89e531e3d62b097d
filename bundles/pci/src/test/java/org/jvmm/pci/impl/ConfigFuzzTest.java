package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.resources.PcieRootPortConfig;
import org.jvmm.pci.resources.PcieSwitchConfig;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

/** Random config cycles (CF8/CFC and ECAM), BAR accesses and hot-plug: nothing escapes as an exception. */
class ConfigFuzzTest {
    private static final int OPERATIONS = 40_000;

    @Test
    void randomGuestAccessesNeverThrow() throws Exception {
        RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0")
                .withRootPort(new PcieRootPortConfig("rp0", null, true))
                .withRootPort(new PcieRootPortConfig("rp1", "4.0", false))
                .withRootPort(new PcieRootPortConfig("rp2", "4.3", true))
                .withSwitch(new PcieSwitchConfig("rp1", "sw", 3, true)));
        List<TestDevice> devices = new ArrayList<>();
        String[] places = {"rp0", "sw-downstream-1", "rp2"};
        for (String p : places) {
            TestDevice d = new TestDevice(p + "-dev", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)),
                    BarSpec.io(1, 0x10, new RegisterBar(0x10)), BarSpec.memory64(2, 0x4000, true, new RegisterBar(0x4000)));
            f.rc.attach(PciPlacement.port(p), d);
            devices.add(d);
        }
        TestDevice rootDevice = new TestDevice("root-dev", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.rootBus(), rootDevice);
        SplittableRandom random = new SplittableRandom(0x5EED);
        IoValue v = new IoValue();
        for (int i = 0; i < OPERATIONS; i++) {
            int op = random.nextInt(100);
            int bus = random.nextInt(8);
            int dev = random.nextInt(8);
            int fn = random.nextInt(4);
            int offset = random.nextInt(0x1000);
            int size = 1 << random.nextInt(4);
            long value = random.nextLong();
            assertDoesNotThrow(() -> step(f, devices, random, op, bus, dev, fn, offset, size, value, v),
                    "operation " + i);
        }
        assertEquals(0x0008_1B36, f.cf8(0, 0, 0, 0), "the host bridge still answers");
        InspectNode n = new InspectNode();
        assertDoesNotThrow(() -> f.rc.inspect(n));
    }

    private static void step(RootComplexFixture f, List<TestDevice> devices, SplittableRandom random, int op,
            int bus, int dev, int fn, int offset, int size, long value, IoValue v) throws Exception {
        if (op < 30) {
            f.rc.ioWrite(0xCF8, random.nextBoolean() ? 4 : size, 0x8000_0000L | bus << 16 | dev << 11 | fn << 8
                    | offset & 0xFF);
            f.rc.ioWrite(0xCFC + random.nextInt(4), size, value);
        } else if (op < 50) {
            f.rc.ioRead(0xCFC + random.nextInt(4), size, v);
        } else if (op < 70) {
            f.rc.mmioWrite(f.ecamAddress(bus, dev, fn, offset), size, value);
        } else if (op < 85) {
            f.rc.mmioRead(f.ecamAddress(bus, dev, fn, offset), size, v);
        } else if (op < 95) {
            List<MmioRange> mapped;
            synchronized (f.mmio) {
                mapped = new ArrayList<>(f.mmio.mapped.keySet());
            }
            if (!mapped.isEmpty()) {
                MmioRange r = mapped.get(random.nextInt(mapped.size()));
                long at = r.start() + random.nextLong(r.length() + 16) - 8;
                if (random.nextBoolean()) {
                    f.mmio.write(at, size, value);
                } else {
                    f.mmio.read(at, size);
                }
            }
            f.rc.ioRead(0xC000 + random.nextInt(0x4000), size == 8 ? 4 : size, v);
        } else {
            TestDevice d = devices.get(random.nextInt(devices.size()));
            if (f.rc.ports().stream().anyMatch(p -> p.occupant() != null && p.name().equals(d.name()
                    .replace("-dev", "")))) {
                f.rc.detach(d);
            } else {
                f.rc.attach(PciPlacement.port(d.name().replace("-dev", "")), d);
            }
            d.config.setIntx(random.nextBoolean());
            d.config.signal(random.nextInt(4));
        }
    }
}
