package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.VmConfig;
import org.jvmm.vm.worker.spi.BootLoader;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinuxBootLoaderTest {
    @TempDir
    Path dir;

    @Test
    void resolverIsTheLoadModeLinuxComponent() {
        LinuxLoadModeResolver r = new LinuxLoadModeResolver();
        assertSame(LoadMode.LinuxDirect.class, r.handleType());
        assertSame(BootLoader.class, r.outputType());
        HandleType type = LoadMode.LinuxDirect.class.getAnnotation(HandleType.class);
        assertEquals("load_mode:linux", type.kind() + ":" + type.id());
        assertEquals(LinuxBootLoader.class,
                r.resolve(new LoadMode.LinuxDirect("/k", null, "", false), null).getClass());
    }

    @Test
    void componentDescriptionRegistersTheResolverForLoadModeLinux() throws Exception {
        String name = "/OSGI-INF/" + LinuxLoadModeResolver.class.getName() + ".xml";
        try (var in = LinuxLoadModeResolver.class.getResourceAsStream(name)) {
            String xml = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(xml.contains("<property name=\"" + ResourceResolver.KIND_PROPERTY + "\" type=\"String\""
                    + " value=\"load_mode\"/>"), xml);
            assertTrue(xml.contains("<property name=\"" + ResourceResolver.ID_PROPERTY + "\" type=\"String\""
                    + " value=\"linux\"/>"), xml);
            assertTrue(xml.contains("<provide interface=\"" + ResourceResolver.class.getName() + "\"/>"), xml);
        }
    }

    @Test
    void loadingAgainAfterAResetRewritesMemoryFromTheCachedImage() throws Exception {
        Path kernel = TestVm.write(dir, "bzImage", new BzImageBuilder().build());
        LoadMode.LinuxDirect mode = new LoadMode.LinuxDirect(kernel.toString(), null, "", false);
        try (FakeContext ctx = new FakeContext(TestVm.pc(mode, 64 * TestVm.MIB, 1))) {
            LinuxBootLoader loader = new LinuxBootLoader(mode);
            loader.load(ctx);
            long first = ctx.memory.read64(0x100_0000);
            ctx.memory.fill(0, 64 * TestVm.MIB, (byte) 0);
            java.nio.file.Files.delete(kernel);
            loader.load(ctx);
            assertEquals(first, ctx.memory.read64(0x100_0000));
            assertEquals("panic=-1 console=ttyS0", TestVm.cString(ctx, 0x20000, 100));
            assertEquals(0xE0000L, ctx.memory.read64(0x7070));
        }
    }

    @Test
    void withoutCom1ThereIsNoSerialConsoleAndTheDsdtHasNoComDevice() throws Exception {
        Path kernel = TestVm.write(dir, "bzImage", new BzImageBuilder().build());
        LoadMode.LinuxDirect mode = new LoadMode.LinuxDirect(kernel.toString(), null, "  ro  ", false);
        VmConfig config = VmConfig.builder().load(mode).memoryBytes(64 * TestVm.MIB).build();
        try (FakeContext ctx = new FakeContext(config)) {
            new LinuxBootLoader(mode).load(ctx);
            assertEquals("panic=-1 ro", TestVm.cString(ctx, 0x20000, 100));
            var node = ctx.inspect("linux");
            long dsdt = Long.decode(node.at("acpi/DSDT").orElseThrow().toString());
            byte[] table = TestVm.read(ctx, dsdt, ctx.memory.read32(dsdt + 4));
            assertEquals(-1, new String(table, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("COM1"));
        }
    }

    @Test
    void publishesWhatWasLoaded() throws Exception {
        Path kernel = TestVm.write(dir, "bzImage", new BzImageBuilder().build());
        Path initrd = TestVm.write(dir, "initrd", TestVm.pattern(4096, 0));
        LoadMode.LinuxDirect mode = new LoadMode.LinuxDirect(kernel.toString(), initrd.toString(), "", false);
        try (FakeContext ctx = new FakeContext(TestVm.pc(mode, 64 * TestVm.MIB, 1))) {
            new LinuxBootLoader(mode).load(ctx);
            var node = ctx.inspect("linux");
            assertEquals("bzImage", node.at("format").orElseThrow());
            assertEquals("0x1000200", node.at("entry").orElseThrow().toString());
            assertEquals("long mode", node.at("mode").orElseThrow());
            assertEquals("0x1000000", node.at("kernel/start").orElseThrow().toString());
            assertEquals("0x1400000", node.at("kernel/end").orElseThrow().toString(), "load address + init_size");
            assertEquals("0x3fff000", node.at("initrd/start").orElseThrow().toString());
            assertEquals("0x7000", node.at("zero_page").orElseThrow().toString());
            assertEquals("panic=-1 console=ttyS0", node.at("cmdline/text").orElseThrow());
            assertEquals("2.15", node.at("protocol").orElseThrow());
            assertEquals(kernel.toString(), node.at("kernel_file").orElseThrow());
            assertEquals("[0xe0000-0xf0000) acpi", node.at("e820/2").orElseThrow());
            assertEquals("0xe0000", node.at("acpi/RSDP").orElseThrow().toString());
        }
    }

    @Test
    void fillsFwCfgAsQemuDoesForKernel() throws Exception {
        byte[] image = new BzImageBuilder().build();
        Path kernel = TestVm.write(dir, "bzImage", image);
        Path initrd = TestVm.write(dir, "initrd", TestVm.pattern(4096, 0));
        LoadMode.LinuxDirect mode = new LoadMode.LinuxDirect(kernel.toString(), initrd.toString(), "quiet", false);
        try (FakeContext ctx = new FakeContext(TestVm.pc(mode, 64 * TestVm.MIB, 1))) {
            new LinuxBootLoader(mode).load(ctx);
            java.nio.ByteBuffer ram = java.nio.ByteBuffer.wrap(ctx.fwCfg.get(FwCfgItems.RAM_SIZE).orElseThrow())
                    .order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(64 * TestVm.MIB, ram.getLong());
            assertEquals(1, ctx.fwCfg.get(FwCfgItems.NB_CPUS).orElseThrow()[0]);
            assertEquals("panic=-1 console=ttyS0 quiet\0", new String(ctx.fwCfg.get(FwCfgItems.CMDLINE_DATA).orElseThrow(),
                    java.nio.charset.StandardCharsets.US_ASCII));
            assertEquals(image.length, ctx.fwCfg.get(FwCfgItems.KERNEL_DATA).orElseThrow().length);
            assertEquals(4096, ctx.fwCfg.get(FwCfgItems.INITRD_DATA).orElseThrow().length);
            byte[] dir = ctx.fwCfg.get(FwCfgItems.FILE_DIR).orElseThrow();
            assertTrue(new String(dir, java.nio.charset.StandardCharsets.US_ASCII).contains("etc/e820"));
            byte[] e820 = ctx.fwCfg.get(FwCfgItems.FILE_FIRST).orElseThrow();
            assertEquals(0, e820.length % 20);
            java.nio.ByteBuffer first = java.nio.ByteBuffer.wrap(e820).order(java.nio.ByteOrder.LITTLE_ENDIAN);
            assertEquals(0, first.getLong(), "the first entry starts at 0");
            assertEquals(1, first.getInt(16), "and is RAM");
        }
    }
}
