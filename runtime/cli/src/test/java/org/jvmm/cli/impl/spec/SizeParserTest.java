package org.jvmm.cli.impl.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SizeParserTest {
    @ParameterizedTest
    @CsvSource({
        "1024, 1024",
        "2048, 2048",
        "4K, 4096",
        "512M, 536870912",
        "64MB, 67108864",
        "1G, 1073741824",
        "1GB, 1073741824",
        "2T, 2199023255552",
        "0, 0",
    })
    void parsesOpenVmmSizes(String text, long bytes) throws SpecException {
        assertEquals(bytes, SizeParser.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "B", "G", "1g", "1 G", "-1", "+1", "5X", "1.5G", "0x10", "1GiB"})
    void rejectsJunk(String text) {
        SpecException e = assertThrows(SpecException.class, () -> SizeParser.parse(text));
        assertEquals("invalid memory size '" + text + "'", e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999999999999", "16777216T"})
    void rejectsOverflow(String text) {
        SpecException e = assertThrows(SpecException.class, () -> SizeParser.parse(text));
        assertEquals("memory size '" + text + "' overflows", e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"VMGS_DEFAULT, 4194304", "1M, 1048576"})
    void diskLengthAcceptsVmgsDefault(String text, long bytes) throws SpecException {
        assertEquals(bytes, SizeParser.parseDiskLength(text));
    }

    @ParameterizedTest
    @CsvSource({"1073741824, 1G", "1610612736, 1536M", "4096, 4K", "12345, 12345", "0, 0"})
    void formatsCompactly(long bytes, String text) {
        assertEquals(text, SizeParser.format(bytes));
    }
}
