package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BzImageBootTest {
    @TempDir
    Path dir;

    private FakeContext boot(BzImageBuilder bz, byte[] initrd, String cmdline, long memory) throws BootException {
        Path kernel = TestVm.write(dir, "bzImage", bz.build());
        String initrdPath = initrd == null ? null : TestVm.write(dir, "initrd", initrd).toString();
        FakeContext ctx = new FakeContext(TestVm.pc(new LoadMode.LinuxDirect(kernel.toString(), initrdPath, cmdline,
                false), memory, 2));
        new LinuxBootLoader((LoadMode.LinuxDirect) ctx.config.load()).load(ctx);
        return ctx;
    }

    @Test
    void loadsTheKernelAtItsPreferredAddressAndEntersLongMode() throws Exception {
        BzImageBuilder bz = new BzImageBuilder();
        byte[] image = bz.build();
        try (FakeContext ctx = boot(bz, null, "quiet", 256 * TestVm.MIB)) {
            int kernelOffset = (bz.setupSects + 1) * 512;
            byte[] kernel = Arrays.copyOfRange(image, kernelOffset, image.length);
            assertArrayEquals(kernel, TestVm.read(ctx, 0x100_0000, kernel.length));
            var r = ctx.bsp().general;
            assertEquals(0x100_0200L, r.rip());
            assertEquals(0x7000L, r.rsi());
            assertEquals(0x2L, r.rflags());
            assertEquals(0L, r.rax() | r.rbx() | r.rcx() | r.rdx() | r.rdi() | r.rbp());
            var s = ctx.bsp().segments;
            assertEquals(Segment.code64(0x10), s.cs());
            assertEquals(Segment.data(0x18), s.ds());
            assertEquals(Segment.data(0x18), s.ss());
            assertEquals(Segment.data(0x18), s.es());
            assertEquals(0x1000L, s.gdtr().base());
            assertEquals(31, s.gdtr().limit());
            assertEquals(0xB, s.tr().type());
            var c = ctx.bsp().control;
            assertEquals(ControlRegisters.CR0_PE | ControlRegisters.CR0_PG | ControlRegisters.CR0_ET
                    | ControlRegisters.CR0_NE, c.cr0());
            assertEquals(ControlRegisters.CR4_PAE, c.cr4());
            assertEquals(ControlRegisters.EFER_LME | ControlRegisters.EFER_LMA, c.efer());
            assertEquals(0x9000L, c.cr3());
            assertEquals(java.util.List.of("control", "segments", "general"), ctx.bsp().calls);
            assertEquals(null, ctx.vps[1].general, "application processors keep their power-on state");
        }
    }

    @Test
    void gdtAndIdentityMappedPageTablesCover4GiB() throws Exception {
        try (FakeContext ctx = boot(new BzImageBuilder(), null, "", 256 * TestVm.MIB)) {
            assertEquals(0x00CF9B000000FFFFL, ctx.memory.read64(0x1008), "code32");
            assertEquals(0x00AF9B000000FFFFL, ctx.memory.read64(0x1010), "code64");
            assertEquals(0x00CF93000000FFFFL, ctx.memory.read64(0x1018), "data");
            assertEquals(0xA003L, ctx.memory.read64(0x9000), "PML4[0] -> PDPT");
            for (int i = 0; i < 4; i++) {
                assertEquals(0xB003L + 0x1000L * i, ctx.memory.read64(0xA000 + 8 * i), "PDPT[" + i + "]");
            }
            assertEquals(0x83L, ctx.memory.read64(0xB000), "first 2 MiB");
            assertEquals(0xFFE0_0083L, ctx.memory.read64(0xE000 + 8 * 511), "last 2 MiB below 4 GiB");
            assertEquals(0L, ctx.memory.read64(0xA000 + 8 * 4), "nothing above 4 GiB");
        }
    }

    @Test
    void zeroPageCarriesTheHeaderAndTheLoaderFields() throws Exception {
        byte[] initrd = TestVm.pattern(3 * 4096 + 5, 7);
        BzImageBuilder bz = new BzImageBuilder();
        byte[] image = bz.build();
        try (FakeContext ctx = boot(bz, initrd, "root=/dev/ram0", 256 * TestVm.MIB)) {
            long zp = 0x7000;
            byte[] header = Arrays.copyOfRange(image, 0x1F1, 0x26C);
            byte[] copied = TestVm.read(ctx, zp + 0x1F1, header.length);
            assertEquals(0x53726448, ctx.memory.read32(zp + 0x202));
            assertEquals((short) 0x20F, ctx.memory.read16(zp + 0x206));
            assertEquals(header[0x236 - 0x1F1], copied[0x236 - 0x1F1], "xloadflags copied");
            assertEquals((byte) 0xFF, ctx.memory.read8(zp + 0x210), "type_of_loader");
            assertEquals((byte) 0x81, ctx.memory.read8(zp + 0x211), "LOADED_HIGH | CAN_USE_HEAP");
            assertEquals(0x20000, ctx.memory.read32(zp + 0x228), "cmd_line_ptr");
            assertEquals(0xE0000L, ctx.memory.read64(zp + 0x070), "acpi_rsdp_addr");
            assertEquals("panic=-1 console=ttyS0 root=/dev/ram0", TestVm.cString(ctx, 0x20000, 4096));
            long initrdAt = ctx.memory.read32(zp + 0x218) & 0xFFFF_FFFFL;
            assertEquals(initrd.length, ctx.memory.read32(zp + 0x21C));
            assertEquals(0, initrdAt % 4096);
            assertEquals(256 * TestVm.MIB - 4 * 4096, initrdAt, "as high as it fits below the top of RAM");
            assertArrayEquals(initrd, TestVm.read(ctx, initrdAt, initrd.length));
            int entries = ctx.memory.read8(zp + 0x1E8);
            assertEquals(5, entries);
            assertE820(ctx, zp + 0x2D0, 0, 0x9FC00, 1);
            assertE820(ctx, zp + 0x2D0 + 20, 0x9FC00, 0xE0000 - 0x9FC00, 2);
            assertE820(ctx, zp + 0x2D0 + 40, 0xE0000, 0x10000, 3);
            assertE820(ctx, zp + 0x2D0 + 60, 0xF0000, 0x10000, 2);
            assertE820(ctx, zp + 0x2D0 + 80, 0x100000, 256 * TestVm.MIB - 0x100000, 1);
        }
    }

    private static void assertE820(FakeContext ctx, long at, long addr, long size, int type) {
        assertEquals(addr, ctx.memory.read64(at), "addr at 0x" + Long.toHexString(at));
        assertEquals(size, ctx.memory.read64(at + 8), "size at 0x" + Long.toHexString(at));
        assertEquals(type, ctx.memory.read32(at + 16), "type at 0x" + Long.toHexString(at));
    }

    @Test
    void initrdStaysBelowInitrdAddrMaxAndClearOfInitSize() throws Exception {
        BzImageBuilder bz = new BzImageBuilder();
        bz.initrdAddrMax = 0x3FF_FFFF;
        byte[] initrd = TestVm.pattern(8192, 1);
        try (FakeContext ctx = boot(bz, initrd, "", 256 * TestVm.MIB)) {
            assertEquals(0x400_0000L - 8192, ctx.memory.read32(0x7218) & 0xFFFF_FFFFL);
        }
        BzImageBuilder big = new BzImageBuilder();
        big.initSize = 0x200_0000;
        BootException e = assertThrows(BootException.class,
                () -> boot(big, TestVm.pattern((int) (6 * TestVm.MIB), 2), "", 52 * TestVm.MIB));
        assertTrue(e.getMessage().matches(".*bzImage: initrd of 6291456 bytes does not fit between the kernel's end"
                + " 0x3000000 and 0x3400000; give the VM more memory"), e.getMessage());
    }

    @Test
    void relocatableKernelIsAlignedUpAndNonRelocatableKeepsItsAddress() throws Exception {
        BzImageBuilder bz = new BzImageBuilder();
        bz.prefAddress = 0x110_0000;
        try (FakeContext ctx = boot(bz, null, "", 256 * TestVm.MIB)) {
            assertEquals(0x120_0200L, ctx.bsp().general.rip());
        }
        bz.relocatable = false;
        try (FakeContext ctx = boot(bz, null, "", 256 * TestVm.MIB)) {
            assertEquals(0x110_0200L, ctx.bsp().general.rip());
        }
        bz.prefAddress = 0;
        try (FakeContext ctx = boot(bz, null, "", 256 * TestVm.MIB)) {
            assertEquals(0x10_0200L, ctx.bsp().general.rip(), "no preferred address: 1 MiB");
        }
    }

    @Test
    void refusesOldProtocolsAnd32BitKernelsAndTooLittleMemory() {
        BzImageBuilder old = new BzImageBuilder();
        old.version = 0x20B;
        assertEquals("boot protocol 2.11 is older than 2.12, which the 64-bit entry needs", message(old, 256));
        BzImageBuilder k32 = new BzImageBuilder();
        k32.xloadflags = 0;
        assertEquals("not a 64-bit kernel (xloadflags bit 0 clear)", message(k32, 256));
        BzImageBuilder huge = new BzImageBuilder();
        huge.initSize = 0x1000_0000;
        assertEquals("the kernel needs RAM at 0x1000000-0x11000000 (init_size 0x10000000); give the VM more memory",
                message(huge, 64));
    }

    @Test
    void commandLineLongerThanTheKernelAcceptsIsRefused() {
        BzImageBuilder bz = new BzImageBuilder();
        bz.cmdlineSize = 20;
        BootException e = assertThrows(BootException.class, () -> boot(bz, null, "x".repeat(30), 256 * TestVm.MIB));
        assertTrue(e.getMessage().endsWith("command line is 53 bytes; the kernel accepts at most 20"), e.getMessage());
    }

    private String message(BzImageBuilder bz, long memoryMib) {
        BootException e = assertThrows(BootException.class, () -> boot(bz, null, "", memoryMib * TestVm.MIB));
        String prefix = dir.resolve("bzImage") + ": ";
        assertTrue(e.getMessage().startsWith(prefix), e.getMessage());
        return e.getMessage().substring(prefix.length());
    }
}
