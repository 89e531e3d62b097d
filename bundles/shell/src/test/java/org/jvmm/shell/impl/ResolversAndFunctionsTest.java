package org.jvmm.shell.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResolveContext;
import org.jvmm.vmm.resource.ResourceHandle;
import org.jvmm.vmm.resource.ResourceResolver;
import org.jvmm.vmm.resource.impl.RegistryCore;

class ResolversAndFunctionsTest {
    @HandleType(kind = "disk_handle", id = "file")
    record FileDisk(String path) implements ResourceHandle {
    }

    @HandleType(kind = "hypervisor", id = "emu")
    record Emu() implements ResourceHandle {
    }

    record Resolver<H extends ResourceHandle>(Class<H> handleType) implements ResourceResolver<H, String> {
        @Override
        public Class<String> outputType() {
            return String.class;
        }

        @Override
        public String resolve(H handle, ResolveContext ctx) {
            return "x";
        }
    }

    private final RegistryCore registry = new RegistryCore(null, (m, t) -> { });
    private final CurrentVm current = new CurrentVm();
    private final VmCommands commands = new VmCommands(registry, current, () -> { });

    @Test
    void resolversListsKindIdAndBundleAndFlagsConflicts() {
        assertEquals("no resolvers registered", commands.resolvers().toString());
        registry.register(new Resolver<>(FileDisk.class), "disk_handle", "file", "org.jvmm.storage.disk", 12);
        registry.register(new Resolver<>(Emu.class), "hypervisor", "emu", "org.jvmm.hv.emu", 7);
        ResolverTable table = assertInstanceOf(ResolverTable.class, commands.resolvers());
        assertEquals("""
                disk_handle:file -> org.jvmm.storage.disk [12]
                hypervisor:emu   -> org.jvmm.hv.emu [7]""", table.toString());
        registry.register(new Resolver<>(Emu.class), "hypervisor", "emu", "org.example.emu", 20);
        List<ResolverTable.Row> rows = ((ResolverTable) commands.resolvers()).rows();
        assertEquals(3, rows.size());
        assertEquals(new ResolverTable.Row("hypervisor:emu", "org.example.emu", 20, true), rows.get(2));
        assertEquals("hypervisor:emu   -> org.jvmm.hv.emu [7]  CONFLICT: another bundle claims hypervisor:emu",
                commands.resolvers().toString().lines().toList().get(1));
    }

    @Test
    void hyphenatedFunctionsCallTheSameCommands() throws Exception {
        FakeVmControl vm = new FakeVmControl();
        current.bindVm(vm, Map.of("vm.name", "vm1"));
        WriteMemoryCommand write = new WriteMemoryCommand(commands);
        ReadMemoryCommand read = new ReadMemoryCommand(commands);
        assertEquals("wrote 3 bytes at 0x20", write.execute(null, List.of("0x20", "4a", "564d")));
        HexDump dump = assertInstanceOf(HexDump.class, read.execute(null, List.of("0x20", 3L)));
        assertEquals("JVM", new String(dump.bytes(), java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("usage: vm:read-memory <gpa> <len>",
                assertThrows(IllegalArgumentException.class, () -> read.execute(null, List.of("0"))).getMessage());
        assertEquals("usage: vm:write-memory <gpa> <hexbytes>",
                assertThrows(IllegalArgumentException.class, () -> write.execute(null, List.of("0"))).getMessage());
    }

    @Test
    void hexDumpWrapsAt16BytesAndShowsUnprintableAsDots() {
        byte[] data = new byte[18];
        data[0] = 'A';
        data[17] = 0x7F;
        String[] lines = new HexDump(0xFFF0, data).toString().split("\n");
        assertEquals(2, lines.length);
        assertEquals("000000000000fff0: 41 " + "00 ".repeat(15) + " |A...............|", lines[0]);
        assertEquals("0000000000010000: 00 7f " + "   ".repeat(14) + " |..|", lines[1]);
        assertEquals("0000000000001000: (no bytes)", new HexDump(0x1000, new byte[0]).toString());
    }

    @Test
    void sizesAndNumbersReadLikeACommandLine() {
        assertEquals("256 MiB", Numbers.size(256L << 20));
        assertEquals("4097 bytes", Numbers.size(4097));
        assertEquals(0xFEE0_0000L, Numbers.parse("0xFEE0_0000", "gpa"));
        assertEquals(4096, Numbers.parse(" 4096 ", "len"));
    }
}
