package org.jvmm.loader.linux.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jvmm.vm.config.LoadMode;
import org.junit.jupiter.api.Test;

/**
 * Loads real kernels named by {@code JVMM_TEST_KERNEL} (bzImage paths separated by the path
 * separator, e.g. a Debian {@code /boot/vmlinuz-*}): through the 64-bit entry, and through PVH
 * after extracting the payload. Skipped when the variable is unset.
 */
class RealKernelTest {
    private static List<String> kernels() {
        String env = System.getenv("JVMM_TEST_KERNEL");
        assumeTrue(env != null && !env.isBlank(), "JVMM_TEST_KERNEL is not set: no real kernel to load");
        return List.of(env.split(java.io.File.pathSeparator));
    }

    private static FakeContext load(String path, boolean pvh) throws Exception {
        assertTrue(Files.isRegularFile(Path.of(path)), path + " is not a file");
        FakeContext ctx = new FakeContext(TestVm.pc(new LoadMode.LinuxDirect(path, null, "nokaslr", pvh),
                512 * TestVm.MIB, 2));
        new LinuxBootLoader((LoadMode.LinuxDirect) ctx.config.load()).load(ctx);
        return ctx;
    }

    @Test
    void bzImageThroughThe64BitEntry() throws Exception {
        for (String path : kernels()) {
            try (FakeContext ctx = load(path, false)) {
                assertEquals(0x100_0200L, ctx.bsp().general.rip(), path);
                assertEquals(0x53726448, ctx.memory.read32(0x7202), path);
                assertEquals((byte) 0xFF, ctx.memory.read8(0x7210), path);
            }
        }
    }

    @Test
    void vmlinuxFromThePayloadThroughPvh() throws Exception {
        for (String path : kernels()) {
            try (FakeContext ctx = load(path, true)) {
                var node = ctx.inspect("linux");
                long entry = ctx.bsp().general.rip();
                assertEquals("pvh", node.at("format").orElseThrow(), path);
                assertTrue(entry >= 0x100_0000L, path + ": PVH entry 0x" + Long.toHexString(entry));
                assertEquals(0x6000L, ctx.bsp().general.rbx(), path);
                assertTrue(ctx.memory.read64(entry) != 0, path + ": code at the entry");
            }
        }
    }
}
