package org.jvmm.pci.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PciPlacement;
import org.jvmm.pci.api.BarSpec;
import org.jvmm.pci.resources.PcieRootComplexHandle;
import org.jvmm.pci.testing.RegisterBar;
import org.junit.jupiter.api.Test;

class ConfigMechanismTest {
    private final RootComplexFixture f = new RootComplexFixture(PcieRootComplexHandle.of("rc0"));

    @Test
    void theAddressRegisterReadsBackItsWritableBitsAndTakesDwordsOnly() {
        assertEquals(IoResult.OK, f.rc.ioWrite(0xCF8, 4, 0x8000_0000L));
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, f.rc.ioRead(0xCF8, 4, v));
        assertEquals(0x8000_0000L, v.get(), "Linux's type-1 probe");
        f.rc.ioWrite(0xCF8, 4, 0xFFFF_FFFFL);
        f.rc.ioRead(0xCF8, 4, v);
        assertEquals(0x80FF_FFFCL, v.get(), "reserved bits 30:24 and 1:0 read 0");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.ioRead(0xCF8, 1, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.ioWrite(0xCF8, 2, 0));
    }

    @Test
    void theHostBridgeAnswersAt0000AndAbsentFunctionsReadAllOnes() {
        assertEquals(0x0008_1B36, f.cf8(0, 0, 0, 0x00));
        assertEquals(0x0600_0000, f.cf8(0, 0, 0, 0x08));
        assertEquals(0xFFFF_FFFF, f.cf8(0, 31, 0, 0x00));
        assertEquals(0xFFFF_FFFF, f.cf8(0, 0, 1, 0x00));
        assertEquals(0xFFFF_FFFF, f.cf8(7, 0, 0, 0x00), "no bridge decodes bus 7");
    }

    @Test
    void dataPortTakesBytesWordsAndDwordsAtTheirByteLanes() {
        assertEquals(0x36, f.cf8Read(0, 0, 0, 0x00, 1));
        assertEquals(0x1B, f.cf8Read(0, 0, 0, 0x01, 1));
        assertEquals(0x0008, f.cf8Read(0, 0, 0, 0x02, 2));
        assertEquals(0x06, f.cf8Read(0, 0, 0, 0x0B, 1), "class byte at 0xCFF");
        f.select(0, 0, 0, 0);
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.ioRead(0xCFF, 2, v), "a word at 0xCFF runs past the port");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.ioRead(0xCFD, 2, v), "misaligned word");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.ioRead(0xCFE, 4, v));
    }

    @Test
    void narrowWritesChangeOnlyTheirBytes() throws Exception {
        TestDevice d = new TestDevice("dev", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.rootBus(3), d);
        int before = f.cf8(0, 3, 0, 0x04) & 0xFFFF;
        assertEquals(0x0002, before & 0x0002, "firmware enabled memory decoding");
        f.cf8Write(0, 3, 0, 0x05, 1, 0x04);
        assertEquals(before | 0x0400, f.cf8(0, 3, 0, 0x04) & 0xFFFF, "INTx disable via the high command byte");
        f.cf8Write(0, 3, 0, 0x3C, 1, 0x55);
        assertEquals(0x0155, f.cf8(0, 3, 0, 0x3C) & 0xFFFF, "line written, pin kept");
    }

    @Test
    void withTheEnableBitClearTheDataPortIsDead() throws Exception {
        TestDevice d = new TestDevice("dev", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.rootBus(3), d);
        int line = f.cf8(0, 3, 0, 0x3C);
        f.rc.ioWrite(0xCF8, 4, 3 << 11 | 0x3C);
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, f.rc.ioRead(0xCFC, 4, v));
        assertEquals(0xFFFF_FFFFL, v.get() & 0xFFFF_FFFFL);
        assertEquals(IoResult.OK, f.rc.ioWrite(0xCFC, 4, 0x77));
        assertEquals(line, f.cf8(0, 3, 0, 0x3C), "the write went nowhere");
    }

    @Test
    void ecamReachesTheSameRegistersAndTheExtendedSpace() throws Exception {
        TestDevice d = new TestDevice("dev", BarSpec.memory32(0, 0x1000, false, new RegisterBar(0x1000)));
        f.rc.attach(PciPlacement.rootBus(4), d);
        for (int off = 0; off < 0x100; off += 4) {
            assertEquals(f.cf8(0, 4, 0, off), f.ecam(0, 4, 0, off), "offset " + off);
        }
        assertEquals(0, f.ecam(0, 4, 0, 0x100), "empty extended capability list");
        assertEquals(0xFFFF_FFFF, f.ecam(0, 9, 0, 0x100));
        f.ecamWrite(0, 4, 0, 0x3C, 1, 0x0B);
        assertEquals(0x0B, f.cf8(0, 4, 0, 0x3C) & 0xFF);
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.mmioRead(f.ecamAddress(0, 4, 0, 0), 8, v));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, f.rc.mmioRead(f.ecamAddress(0, 4, 0, 3), 2, v));
        assertEquals(IoResult.OK, f.rc.mmioRead(f.ecamAddress(0, 4, 0, 2), 2, v));
        assertEquals(0x1050, v.get());
    }

    @Test
    void theHostClaimsTheConfigPortsEcamAndIoWindowButNotTheResetRegister() {
        assertTrue(f.rc.portRanges().stream().noneMatch(r -> r.contains(0xCF9)), "0xCF9 belongs to the reset device");
        assertTrue(f.rc.portRanges().stream().anyMatch(r -> r.contains(0xCF8)));
        assertTrue(f.rc.portRanges().stream().anyMatch(r -> r.contains(0xCFF)));
        assertTrue(f.rc.portRanges().stream().anyMatch(r -> r.contains(0xC000) && r.contains(0xFFFF)));
        assertEquals(0xE000_0000L, f.rc.mmioRanges().get(0).start());
        assertEquals(256L << 20, f.rc.mmioRanges().get(0).length());
        assertFalse(f.rc.guestStarted());
        f.cf8(0, 0, 0, 0);
        assertTrue(f.rc.guestStarted());
    }
}
