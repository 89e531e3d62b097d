package org.jvmm.cli.impl.spec;

import static org.jvmm.cli.impl.spec.KeyValueSpecTest.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MemorySpecParserTest {
    @Test
    void bareSizeAndKeyValueForms() throws SpecException {
        assertEquals(MemorySpec.ofSize(4L << 30), MemorySpecParser.parse("4G"));
        MemorySpec m = MemorySpecParser.parse("size=2G,prefetch,file=ram.bin");
        assertEquals(OptionalLong.of(2L << 30), m.size());
        assertTrue(m.prefetch());
        assertEquals(Optional.of("ram.bin"), m.file());
        assertFalse(m.hasBackingTuning());
        assertTrue(MemorySpecParser.parse("size=64G,hugepages=on,hugepage_size=2M").hasBackingTuning());
        assertEquals(OptionalLong.empty(), MemorySpecParser.parse("thp=off").size());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "1X | invalid memory size '1X'",
        "size=1G,hugepage_size=2M | hugepage_size requires hugepages=on",
        "size=1G,hugepages,shared=off | hugepages=on conflicts with shared=off",
        "size=1G,hugepages,file=x | hugepages=on conflicts with file=...",
        "size=1G,swap | unknown option 'swap'; expected one of: 'shared', 'prefetch', 'thp', 'hugepages', 'size', 'hugepage_size', 'file'",
        "size=lots | invalid value for option 'size': invalid memory size 'lots'",
    })
    void rejectsBadMemory(String value, String reason) {
        assertEquals(reason, message(() -> MemorySpecParser.parse(value)));
    }

    @Test
    void numaNodesAndDistances() throws SpecException {
        MemorySpecParser.parseNumaNode("size=2G,host_numa_node=0,vps=[0-3,8]");
        MemorySpecParser.parseNumaDistance("0:1:20");
        assertEquals("missing required option 'size'", message(() -> MemorySpecParser.parseNumaNode("vps=[0]")));
        assertEquals("invalid value for option 'vps': invalid range 3-1",
                message(() -> MemorySpecParser.parseNumaNode("size=1G,vps=[3-1]")));
        assertEquals("distance must be >= 10 (10 = local), got 5", message(() -> MemorySpecParser.parseNumaDistance("0:1:5")));
        assertEquals("expected SRC:DST:DISTANCE format, got '0:1'", message(() -> MemorySpecParser.parseNumaDistance("0:1")));
    }

    @Test
    void machineLimits() throws SpecException {
        assertEquals(1L << 20, MachineLimits.memory(1L << 20));
        assertEquals("memory size 2K is below the minimum of 1M (sizes without a suffix are bytes)",
                message(() -> MachineLimits.memory(2048)));
        assertEquals("memory size 2T is above the maximum of 1T", message(() -> MachineLimits.memory(2L << 40)));
        assertEquals("memory size 1048577 is not a multiple of 4K", message(() -> MachineLimits.memory((1L << 20) + 1)));
        assertEquals(256, MachineLimits.processors("256"));
        assertEquals("processor count must be 1 to 256, got 0", message(() -> MachineLimits.processors("0")));
        assertEquals("invalid processor count 'two'", message(() -> MachineLimits.processors("two")));
    }
}
