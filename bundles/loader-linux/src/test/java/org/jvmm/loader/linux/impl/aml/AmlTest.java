package org.jvmm.loader.linux.impl.aml;

import java.util.List;

import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.MmioRange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import org.jvmm.loader.linux.impl.acpi.ComPortDevice;
import org.jvmm.loader.linux.impl.acpi.DescribedDevice;
import org.junit.jupiter.api.Test;

class AmlTest {
    static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void pkgLengthCountsItsOwnBytes() {
        assertEquals("01", hex(Aml.pkgLength(0)));
        assertEquals("3f", hex(Aml.pkgLength(62)));
        assertEquals("4104", hex(Aml.pkgLength(63)), "65 = 0x41: two bytes, low nibble 1, then 0x04");
        assertEquals("4eff", hex(Aml.pkgLength(0xFFE - 2)), "0xFFE");
        assertEquals("830001", hex(Aml.pkgLength(0x1000)), "0x1003: three bytes");
        assertEquals("c3000001", hex(Aml.pkgLength(0x100000 - 1)), "0x100003: four bytes");
    }

    @Test
    void nameStringsAndIntegers() {
        assertEquals("5c5f53425f", hex(Aml.nameString("\\_SB")));
        assertEquals("5c2e5f53425f434f4d31", hex(Aml.nameString("\\_SB.COM1")));
        assertEquals("2f03415f5f5f425f5f5f435f5f5f", hex(Aml.nameString("A.B.C")));
        assertEquals("5e5f53335f", hex(Aml.nameString("^_S3")));
        assertEquals("00", hex(Aml.integer(0)));
        assertEquals("01", hex(Aml.integer(1)));
        assertEquals("0a05", hex(Aml.integer(5)));
        assertEquals("0bf803", hex(Aml.integer(0x3F8)));
        assertEquals("0c0000c0fe", hex(Aml.integer(0xFEC0_0000L)));
        assertEquals("0e0000000000010000", hex(Aml.integer(1L << 40)));
        assertEquals("0d4c4e524f3030303500", hex(Aml.string("LNRO0005")));
        assertThrows(IllegalArgumentException.class, () -> Aml.nameString("1ABC"));
        assertThrows(IllegalArgumentException.class, () -> Aml.nameString("TOOLONG"));
    }

    @Test
    void eisaIdIsCompressedAndByteSwapped() {
        assertEquals("0c41d00501", hex(Aml.eisaId("PNP0501")));
        assertEquals("0c41d00a03", hex(Aml.eisaId("PNP0A03")));
        assertThrows(IllegalArgumentException.class, () -> Aml.eisaId("LNRO0005"));
    }

    @Test
    void comPortDeviceBytes() {
        String expected = "5b822b" + "434f4d31"
                + "085f4849440c41d00501"
                + "085f55494401"
                + "085f435253" + "11100a0d" + "4701f803f8030108" + "221000" + "7900";
        assertEquals(expected, hex(new ComPortDevice("COM1", 1, 0x3F8, 4).aml()));
    }

    @Test
    void virtioMmioDeviceBytes() {
        String crs = "86090001" + "0000d0fe" + "00020000" + "890600" + "0101" + "05000000" + "7900";
        String body = "56523030" + "085f4849440d4c4e524f3030303500" + "085f55494400" + "085f43434101"
                + "085f435253" + "111a0a17" + crs;
        assertEquals(63, body.length() / 2);
        assertEquals("5b82" + "4104" + body, hex(new DescribedDevice("VR00", new AcpiDeviceInfo("LNRO0005", 0, List.of(new MmioRange("virtio", 0xFED0_0000L, 0x200)), List.of(5))).aml()),
                "63 bytes + 2 of PkgLength = 0x41: two-byte encoding");
    }

    @Test
    void resourceTemplateIsEndTagged() {
        assertEquals("7900", hex(new ResourceTemplate().descriptors()));
        assertThrows(IllegalArgumentException.class, () -> new ResourceTemplate().irqNoFlags(16));
    }
}
