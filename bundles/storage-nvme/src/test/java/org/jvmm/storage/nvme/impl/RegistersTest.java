package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.inspect.InspectNode;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.driver.TestRam;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class RegistersTest {
    private static final int CC_DEFAULTS = 0x0046_0000;
    private final MemDisk disk = new MemDisk(512, 2048, false, true);
    private final Fixture f = new Fixture(TestRam.flat(Fixture.RAM), NvmeControllerHandle.of(List.of()), 1 << 20,
            Fixture.RAM);
    private final NvmeDriver d = f.driver;

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void pciIdentityAndBars() {
        assertEquals(0x00A9_1414, d.configRead(0x00), "Microsoft 1414:00a9");
        assertEquals(0x010802, d.configRead(0x08) >>> 8, "class: NVM Express controller");
        assertEquals(0x4, d.configRead(0x10) & 0xF, "BAR0: 64-bit memory, not prefetchable");
        assertEquals(NvmeDriver.BAR0, d.configRead(0x10) & 0xFFFF_FFF0L);
        assertEquals(0x4, d.configRead(0x20) & 0xF, "BAR4 (MSI-X): 64-bit memory");
        assertEquals(1, d.configRead(0x3C) >>> 8 & 0xFF, "INTA");
    }

    @Test
    void capabilitiesAndVersion() {
        long cap = d.read64(0x00);
        assertEquals(1023, cap & 0xFFFF, "MQES: 1024 entries");
        assertEquals(1, cap >>> 16 & 1, "contiguous queues required");
        assertEquals(20, cap >>> 24 & 0xFF, "timeout 10 s");
        assertEquals(0, cap >>> 32 & 0xF, "doorbell stride 4 bytes");
        assertEquals(1, cap >>> 37 & 0xFF, "NVM command set only");
        assertEquals(0, cap >>> 48 & 0xF, "MPSMIN 4 KiB");
        assertEquals(4, cap >>> 52 & 0xF, "MPSMAX 64 KiB");
        assertEquals(cap, d.read32(0x00) | d.read32(0x04) << 32, "two dword reads give the same CAP");
        assertEquals(0x0002_0000, d.read32(0x08), "NVMe 2.0");
    }

    @Test
    void enableSetsReadyAndDisableClearsIt() {
        d.enable();
        assertEquals(CC_DEFAULTS | 1, d.read32(0x14));
        assertEquals(d.admin.sq, d.read64(0x28));
        d.disable();
        assertEquals(0, d.read32(0x1C), "RDY clear, nothing in flight");
        d.enable();
    }

    @Test
    void invalidConfigurationsReportFatalStatus() {
        for (int cc : new int[] {CC_DEFAULTS | 5 << 7 | 1, CC_DEFAULTS | 1 << 4 | 1, 0x0045_0001, 0x0056_0001,
                CC_DEFAULTS | 1 << 11 | 1}) {
            d.enable(cc);
            assertEquals(2, d.read32(0x1C) & 3, String.format("CC 0x%x: CFS and not RDY", cc));
            d.disable();
            assertEquals(0, d.read32(0x1C), "clearing EN clears CFS");
        }
        d.write32(0x24, 0);
        d.write32(0x14, CC_DEFAULTS | 1);
        assertEquals(2, d.read32(0x1C) & 3, "a one-entry admin queue is refused");
    }

    @Test
    void adminQueuesOutsideRamOrMisalignedAreFatal() {
        d.disable();
        d.write32(0x24, 0x000F_007F);
        d.write64(0x28, Fixture.RAM - 0x1000);
        d.write64(0x30, d.admin.cq);
        d.write32(0x14, CC_DEFAULTS | 1);
        assertEquals(2, d.read32(0x1C) & 3, "128 SQ entries do not fit in the last page of RAM");
        d.disable();
        d.write32(0x24, 0x000F_000F);
        d.write64(0x28, 0x3000);
        d.write32(0x14, CC_DEFAULTS | 1 << 7 | 1);
        assertEquals(2, d.read32(0x1C) & 3, "ASQ not aligned to the 8 KiB page chosen");
    }

    @Test
    void baseAddressRegistersAreWritableOnlyWhileDisabled() {
        d.write32(0x28, 0x1234_5FFF);
        d.write32(0x2C, 0x1);
        assertEquals(0x1_1234_5000L, d.read64(0x28), "low 12 bits reserved");
        d.write64(0x30, 0xABCD_E000L);
        assertEquals(0xABCD_E000L, d.read32(0x30));
        d.enable();
        d.write64(0x28, 0x9000);
        d.write32(0x24, 0);
        assertEquals(d.admin.sq, d.read64(0x28), "ASQ is fixed while enabled");
        assertEquals(0x000F_000F, d.read32(0x24), "AQA too");
    }

    @Test
    void accessSizesAndAlignment() {
        assertEquals(IoResult.INVALID_ACCESS_SIZE, d.att.write(NvmeDriver.BAR0 + 0x14, 2, 1));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, d.att.write(NvmeDriver.BAR0 + 0x14, 8, 1), "CC is a dword");
        assertEquals(IoResult.INVALID_ACCESS_SIZE, d.att.write(NvmeDriver.BAR0 + 0x16, 4, 1));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, d.att.write(NvmeDriver.BAR0 + 0x1000, 8, 1), "doorbells are dwords");
        assertEquals(0xFFL, d.att.read(NvmeDriver.BAR0 + 0x08, 1));
        assertEquals(-1L, d.att.read(NvmeDriver.BAR0 + 0x08, 8), "VS is no qword register");
        assertEquals(0, d.read32(0x20), "no subsystem reset register");
        assertEquals(0, d.read32(0x38), "no controller memory buffer");
        assertEquals(0x0002_0000, d.read32(0x08), "read-only registers ignore writes");
    }

    @Test
    void interruptMaskSetAndClear() {
        d.write32(0x0C, 0x5);
        d.write32(0x0C, 0x2);
        assertEquals(0x7, d.read32(0x0C));
        d.write32(0x10, 0x4);
        assertEquals(0x3, d.read32(0x10));
    }

    @Test
    void shutdownFlushesTheNamespacesThenCompletes() {
        f.add(1, disk, false);
        d.enable();
        d.write32(0x14, CC_DEFAULTS | 1 << 14 | 1);
        assertEquals(2, d.read32(0x1C) >>> 2 & 3, "SHST: shutdown complete");
        assertEquals(List.of("flush"), disk.log);
        d.disable();
        assertEquals(0, d.read32(0x1C));
        d.enable();
        assertEquals(0, d.read32(0x1C) >>> 2 & 3, "a new enable starts over");
    }

    @Test
    void doorbellsBeforeEnableAreIgnored() {
        assertEquals(IoResult.OK, d.write32(0x1000, 3));
        assertEquals(IoResult.OK, d.write32(0x1000 + 8 * 500, 3));
        assertEquals(0, f.device.internalErrors());
    }

    @Test
    void functionLevelResetResetsTheController() {
        d.enable();
        int pcie = 0;
        for (int at = d.configRead(0x34) & 0xFC; at != 0; at = d.configRead(at) >>> 8 & 0xFC) {
            if ((d.configRead(at) & 0xFF) == 0x10) {
                pcie = at;
            }
        }
        assertTrue(pcie != 0, "a PCIe capability");
        assertEquals(1, d.configRead(pcie + 4) >>> 28 & 1, "FLR advertised");
        f.device.configSpace().pciConfigWrite(pcie + 8, 1 << 15, 0x3);
        assertEquals(0, d.configRead(0x04) & 0x6, "config space reset: decoding off");
        NvmeDriver again = new NvmeDriver(f.device, f.memory, f.alloc, 16);
        assertEquals(0, again.read32(0x14), "CC reset");
        assertEquals(0, again.read32(0x1C));
        again.enable();
    }

    @Test
    void vmResetReturnsToPowerOnState() {
        d.enable();
        d.write32(0x0C, 1);
        f.device.reset();
        d.att.msis.clear();
        NvmeDriver again = new NvmeDriver(f.device, f.memory, f.alloc, 16);
        assertEquals(0, again.read32(0x14));
        assertEquals(0, again.read32(0x1C));
        assertEquals(0, again.read32(0x24));
        assertEquals(0, again.read64(0x28));
        assertEquals(0, again.read32(0x0C));
        again.enable();
        InspectNode n = new InspectNode();
        f.device.inspect(n);
        assertTrue(n.render().contains("ready: true"), n.render());
        assertFalse(d.att.intx);
    }
}
