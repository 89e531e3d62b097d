package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jvmm.hv.api.Segment;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.worker.spi.BootException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultibootBootTest {
    @TempDir
    Path dir;

    static byte[] header(int flags, long... kludge) {
        ByteWriter w = new ByteWriter().u32(0x1BADB002L).u32(flags).u32(-(0x1BADB002L + flags));
        for (long v : kludge) {
            w.u32(v);
        }
        return w.toByteArray();
    }

    /** An ELF32 kernel linked at 0xC0100000, loaded at 1 MiB, with 0x800 bytes of bss. */
    static byte[] elf32() {
        byte[] code = new ByteWriter().bytes(header(3)).bytes(TestVm.pattern(0x200, 5)).toByteArray();
        return new ElfBuilder(false).entry(0xC010_000CL).load(0xC010_0000L, 0x10_0000, code, code.length + 0x800)
                .build();
    }

    FakeContext boot(byte[] kernel, byte[] initrd, String cmdline) throws BootException {
        Path k = TestVm.write(dir, "kernel.elf", kernel);
        String i = initrd == null ? null : TestVm.write(dir, "mod.bin", initrd).toString();
        FakeContext ctx = new FakeContext(TestVm.pc(new LoadMode.LinuxDirect(k.toString(), i, cmdline, false),
                64 * TestVm.MIB, 1));
        new LinuxBootLoader((LoadMode.LinuxDirect) ctx.config.load()).load(ctx);
        return ctx;
    }

    @Test
    void elfKernelEntersAtItsPhysicalEntryWithTheMultibootRegisters() throws Exception {
        try (FakeContext ctx = boot(elf32(), null, "")) {
            var r = ctx.bsp().general;
            assertEquals(0x10_000CL, r.rip(), "virtual entry translated to physical");
            assertEquals(0x2BADB002L, r.rax());
            assertEquals(0x6000L, r.rbx());
            assertEquals(Segment.code32(0x08), ctx.bsp().segments.cs());
            assertEquals(0L, ctx.bsp().control.cr0() & (1L << 31), "paging off");
            assertEquals(0x1BADB002, ctx.memory.read32(0x10_0000));
            assertArrayEquals(new byte[0x800], TestVm.read(ctx, 0x10_020C, 0x800), "bss zeroed");
        }
    }

    @Test
    void infoBlockHasMemoryCommandLineModulesAndMemoryMap() throws Exception {
        byte[] module = TestVm.pattern(5000, 2);
        try (FakeContext ctx = boot(elf32(), module, "hello world")) {
            long mbi = 0x6000;
            assertEquals(0x24D, ctx.memory.read32(mbi), "MEM | CMDLINE | MODS | MMAP | LOADER_NAME");
            assertEquals(639, ctx.memory.read32(mbi + 4), "mem_lower KiB");
            assertEquals(63 * 1024, ctx.memory.read32(mbi + 8), "mem_upper KiB");
            String kernelPath = dir.resolve("kernel.elf").toString();
            assertEquals(kernelPath + " hello world", TestVm.cString(ctx, ctx.memory.read32(mbi + 16), 4096));
            assertEquals(1, ctx.memory.read32(mbi + 20));
            long mods = ctx.memory.read32(mbi + 24);
            long start = ctx.memory.read32(mods);
            assertEquals(0x10_1000L, start, "next page after the kernel's bss");
            assertEquals(start + module.length, ctx.memory.read32(mods + 4));
            assertEquals(dir.resolve("mod.bin").toString(), TestVm.cString(ctx, ctx.memory.read32(mods + 8), 4096));
            assertArrayEquals(module, TestVm.read(ctx, start, module.length));
            assertEquals(5 * 24, ctx.memory.read32(mbi + 44));
            long mmap = ctx.memory.read32(mbi + 48);
            assertEquals(20, ctx.memory.read32(mmap));
            assertEquals(0L, ctx.memory.read64(mmap + 4));
            assertEquals(0x9FC00L, ctx.memory.read64(mmap + 12));
            assertEquals(1, ctx.memory.read32(mmap + 20));
            assertEquals(0x100000L, ctx.memory.read64(mmap + 4 * 24 + 4));
            assertEquals("jvmm", TestVm.cString(ctx, ctx.memory.read32(mbi + 64), 16));
        }
    }

    @Test
    void aoutKludgeKernelIsLoadedByTheHeaderAddresses() throws Exception {
        byte[] image = new ByteWriter().bytes(header(0x10003, 0x10_0000, 0x10_0000, 0, 0x10_2000, 0x10_0020))
                .bytes(TestVm.pattern(0x100, 8)).toByteArray();
        try (FakeContext ctx = boot(image, TestVm.pattern(100, 1), "")) {
            assertEquals(0x10_0020L, ctx.bsp().general.rip());
            assertArrayEquals(image, TestVm.read(ctx, 0x10_0000, image.length));
            assertEquals(0x10_2000, ctx.memory.read32(ctx.memory.read32(0x6018)), "module after the bss");
            assertEquals(dir.resolve("kernel.elf").toString(), TestVm.cString(ctx, 0x20000, 4096));
            assertEquals("a.out kludge", ctx.inspect("linux").at("layout").orElseThrow());
        }
    }

    @Test
    void badKernelsAreNamed() {
        byte[] unknownFlag = new ByteWriter().bytes(header(0x10008, 0x10_0000, 0x10_0000, 0, 0, 0x10_0000))
                .toByteArray();
        assertTrue(message(unknownFlag).endsWith("kernel.elf: Multiboot header requires unknown features (flags 0x8)"));
        byte[] elf64 = new ElfBuilder(true).entry(0x10_0000).load(0x10_0000, 0x10_0000, header(0), 12).build();
        assertTrue(message(elf64).endsWith("a Multiboot kernel must be a 32-bit ELF (or use the a.out kludge)"));
        byte[] outside = new ByteWriter().bytes(header(0x10000, 0x10_0000, 0x10_0000, 0, 0, 0x20_0000)).toByteArray();
        assertTrue(message(outside).endsWith("Multiboot entry 0x200000 lies outside the kernel 0x100000-0x100020"));
        byte[] garbage = TestVm.pattern(10_000, 0);
        assertEquals(dir.resolve("kernel.elf") + ": not a bzImage, an ELF kernel with a PVH note or a Multiboot"
                + " kernel", message(garbage));
    }

    @Test
    void missingFilesAreNamed() {
        String k = dir.resolve("nope").toString();
        FakeContext ctx = new FakeContext(TestVm.pc(new LoadMode.LinuxDirect(k, null, "", false), 64 * TestVm.MIB, 1));
        try (ctx) {
            BootException e = assertThrows(BootException.class,
                    () -> new LinuxBootLoader((LoadMode.LinuxDirect) ctx.config.load()).load(ctx));
            assertEquals(k + ": No such file or directory", e.getMessage());
        }
    }

    private String message(byte[] kernel) {
        return assertThrows(BootException.class, () -> boot(kernel, null, "")).getMessage();
    }
}
