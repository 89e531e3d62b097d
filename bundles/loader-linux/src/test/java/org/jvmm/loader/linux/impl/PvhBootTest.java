package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jvmm.hv.api.ControlRegisters;
import org.jvmm.hv.api.Segment;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PvhBootTest {
    static final long ENTRY = 0x100_0850L;
    static final byte[] TEXT = TestVm.pattern(0x2000, 3);
    static final byte[] DATA = TestVm.pattern(0x100, 9);

    @TempDir
    Path dir;

    /** A vmlinux-like ELF64: text at 16 MiB with 4 KiB of bss, data at 20 MiB, and the 8-byte PVH note. */
    static byte[] vmlinux(int noteType) {
        return new ElfBuilder(true).entry(0xFFFF_FFFF_8100_0000L)
                .load(0xFFFF_FFFF_8100_0000L, 0x100_0000, TEXT, TEXT.length + 0x1000)
                .load(0xFFFF_FFFF_8140_0000L, 0x140_0000, DATA, DATA.length)
                .note("Xen", noteType, new ByteWriter().u64(ENTRY).toByteArray()).build();
    }

    FakeContext boot(byte[] kernel, byte[] initrd, boolean pvh) throws BootException {
        Path k = TestVm.write(dir, "vmlinux", kernel);
        String i = initrd == null ? null : TestVm.write(dir, "initrd", initrd).toString();
        FakeContext ctx = new FakeContext(TestVm.pc(new LoadMode.LinuxDirect(k.toString(), i, "quiet", pvh),
                128 * TestVm.MIB, 1));
        new LinuxBootLoader((LoadMode.LinuxDirect) ctx.config.load()).load(ctx);
        return ctx;
    }

    @Test
    void loadsSegmentsAtPhysicalAddressesAndEntersFlatProtectedMode() throws Exception {
        try (FakeContext ctx = boot(vmlinux(18), null, false)) {
            assertArrayEquals(TEXT, TestVm.read(ctx, 0x100_0000, TEXT.length));
            assertArrayEquals(new byte[0x1000], TestVm.read(ctx, 0x100_0000 + TEXT.length, 0x1000), "bss zeroed");
            assertArrayEquals(DATA, TestVm.read(ctx, 0x140_0000, DATA.length));
            var r = ctx.bsp().general;
            assertEquals(ENTRY, r.rip());
            assertEquals(0x6000L, r.rbx());
            assertEquals(0x2L, r.rflags());
            var s = ctx.bsp().segments;
            assertEquals(Segment.code32(0x08), s.cs());
            assertEquals(Segment.data(0x18), s.ds());
            assertEquals(Segment.data(0x18), s.ss());
            assertEquals(0x67, s.tr().limit());
            var c = ctx.bsp().control;
            assertEquals(ControlRegisters.CR0_PE | ControlRegisters.CR0_ET, c.cr0());
            assertEquals(0L, c.cr4() | c.efer() | c.cr3());
            var node = ctx.inspect("linux");
            assertEquals("pvh", node.at("format").orElseThrow());
            assertEquals("0x1000850", node.at("entry").orElseThrow().toString());
            assertEquals("vmlinux", node.at("source").orElseThrow());
        }
    }

    @Test
    void startInfoHasTheCommandLineRsdpMemoryMapAndInitrdModule() throws Exception {
        byte[] initrd = TestVm.pattern(10_000, 4);
        try (FakeContext ctx = boot(vmlinux(18), initrd, false)) {
            long si = 0x6000;
            assertEquals(0x336EC578, ctx.memory.read32(si));
            assertEquals(1, ctx.memory.read32(si + 4));
            assertEquals(1, ctx.memory.read32(si + 0x0C), "nr_modules");
            long modlist = ctx.memory.read64(si + 0x10);
            assertEquals(0x20000L, ctx.memory.read64(si + 0x18), "cmdline_paddr");
            assertEquals("panic=-1 console=ttyS0 quiet", TestVm.cString(ctx, 0x20000, 256));
            assertEquals(0xE0000L, ctx.memory.read64(si + 0x20), "rsdp_paddr");
            long memmap = ctx.memory.read64(si + 0x28);
            assertEquals(5, ctx.memory.read32(si + 0x30), "memmap_entries");
            assertEquals(0x100000L, ctx.memory.read64(memmap + 4 * 24));
            assertEquals(128 * TestVm.MIB - 0x100000, ctx.memory.read64(memmap + 4 * 24 + 8));
            assertEquals(1, ctx.memory.read32(memmap + 4 * 24 + 16));
            assertEquals(3, ctx.memory.read32(memmap + 2 * 24 + 16), "the ACPI area");
            long initrdAt = ctx.memory.read64(modlist);
            assertEquals(initrd.length, ctx.memory.read64(modlist + 8));
            assertEquals(128 * TestVm.MIB - 3 * 4096, initrdAt);
            assertArrayEquals(initrd, TestVm.read(ctx, initrdAt, initrd.length));
        }
    }

    @Test
    void bzImageWithPvhBootsTheVmlinuxFromEachSupportedPayload() throws Exception {
        byte[] elf = vmlinux(18);
        for (var c : new Object[][] {{"gzip", Compress.gzip(elf)}, {"xz", Compress.xz(elf)},
                {"lz4", Compress.lz4Legacy(elf, 0)}}) {
            BzImageBuilder bz = new BzImageBuilder();
            bz.payload = (byte[]) c[1];
            try (FakeContext ctx = boot(bz.build(), null, true)) {
                assertEquals(ENTRY, ctx.bsp().general.rip(), (String) c[0]);
                assertArrayEquals(TEXT, TestVm.read(ctx, 0x100_0000, TEXT.length), (String) c[0]);
                var node = ctx.inspect("linux");
                assertEquals(c[0], node.at("compression").orElseThrow());
                assertEquals("bzImage payload", node.at("source").orElseThrow());
            }
        }
    }

    @Test
    void unsupportedPayloadsAndMissingNotesAreNamed() {
        BzImageBuilder zstd = new BzImageBuilder();
        zstd.payload = new byte[] {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 1, 2, 3, 4, 5};
        assertTrue(message(zstd.build(), true).endsWith("vmlinux: zstd-compressed payloads are not supported; use"
                + " a kernel built with gzip, xz or lz4, or boot the bzImage through its 64-bit entry"));
        BzImageBuilder noNote = new BzImageBuilder();
        noNote.payload = Compress.gzip(vmlinux(17));
        assertTrue(message(noNote.build(), true).endsWith("vmlinux: the vmlinux inside has no PVH entry note (kernel"
                + " built without CONFIG_PVH); boot it without pvh"));
        assertTrue(message(vmlinux(17), false).endsWith("vmlinux: ELF kernel without a PVH entry note"
                + " (XEN_ELFNOTE_PHYS32_ENTRY) or a Multiboot header"));
        BzImageBuilder corrupt = new BzImageBuilder();
        byte[] gz = Compress.gzip(vmlinux(18));
        gz[gz.length / 2] ^= 0x55;
        gz[gz.length / 2 + 1] ^= 0x55;
        corrupt.payload = gz;
        assertTrue(message(corrupt.build(), true).contains("vmlinux: gzip payload is corrupt"));
    }

    @Test
    void segmentsOutsideRamAreRefused() {
        byte[] high = new ElfBuilder(true).load(0x800_0000, 0x800_0000, TEXT, TEXT.length)
                .note("Xen", 18, new ByteWriter().u32(0x800_0000).toByteArray()).build();
        assertTrue(message(high, false).endsWith("vmlinux: segment at 0x8000000 (0x2000 bytes) is not in guest RAM"
                + " (RAM: 0x0-0x8000000); give the VM more memory"));
        byte[] low = new ElfBuilder(true).load(0x8000, 0x8000, TEXT, TEXT.length)
                .note("Xen", 18, new ByteWriter().u32(0x8000).toByteArray()).build();
        assertTrue(message(low, false).endsWith("segment at 0x8000 (0x2000 bytes) lies below 1 MiB, where the"
                + " loader keeps its tables"));
    }

    private String message(byte[] kernel, boolean pvh) {
        return assertThrows(BootException.class, () -> boot(kernel, null, pvh)).getMessage();
    }
}
