package org.jvmm.loader.linux.impl;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jvmm.chipset.resources.AcpiPmHandle;
import org.jvmm.chipset.resources.I8042Handle;
import org.jvmm.chipset.resources.IoApicHandle;
import org.jvmm.chipset.resources.PicHandle;
import org.jvmm.vm.config.LoadMode;
import org.jvmm.vm.config.NoneSerialHandle;
import org.jvmm.vm.config.SerialPortConfig;
import org.jvmm.vm.config.VmConfig;

/** Configurations and files for loader tests. */
final class TestVm {
    static final long MIB = 1L << 20;

    private TestVm() {
    }

    /** A PC with COM1, the PIC, an I/O APIC, ACPI PM and the i8042, loading {@code mode}. */
    static VmConfig pc(LoadMode mode, long memory, int cpus) {
        return VmConfig.builder().load(mode).memoryBytes(memory).processors(cpus)
                .serial(new SerialPortConfig(0, new NoneSerialHandle())).chipsetDevice(new PicHandle())
                .chipsetDevice(IoApicHandle.standard(0)).chipsetDevice(AcpiPmHandle.standard())
                .chipsetDevice(new I8042Handle()).build();
    }

    static Path write(Path dir, String name, byte[] bytes) {
        try {
            return Files.write(dir.resolve(name), bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static byte[] pattern(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (i * 31 + seed);
        }
        return b;
    }

    static String cString(FakeContext ctx, long gpa, int max) {
        byte[] b = new byte[max];
        ctx.memory.read(gpa, b, 0, max);
        int n = 0;
        while (n < max && b[n] != 0) {
            n++;
        }
        return new String(b, 0, n, StandardCharsets.UTF_8);
    }

    static byte[] read(FakeContext ctx, long gpa, int len) {
        byte[] b = new byte[len];
        ctx.memory.read(gpa, b, 0, len);
        return b;
    }
}
