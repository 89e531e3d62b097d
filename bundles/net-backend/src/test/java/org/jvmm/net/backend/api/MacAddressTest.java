package org.jvmm.net.backend.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class MacAddressTest {
    @Test
    void parsesAndFormatsSixOctets() {
        MacAddress mac = MacAddress.parse("00:15:5D:0a:Bc:ff");
        assertEquals(0x00155D0ABCFFL, mac.value());
        assertEquals("00:15:5d:0a:bc:ff", mac.toString());
        assertEquals(mac, MacAddress.parse("00-15-5d-0a-bc-ff"));
        assertArrayEquals(new byte[] {0, 0x15, 0x5D, 0x0A, (byte) 0xBC, (byte) 0xFF}, mac.bytes());
        assertEquals(mac, MacAddress.of(new byte[] {9, 0, 0x15, 0x5D, 0x0A, (byte) 0xBC, (byte) 0xFF}, 1));
        assertEquals(0xBC, mac.octet(4));
    }

    @Test
    void rejectsMalformedText() {
        for (String bad : new String[] {null, "", "00:15:5d:0a:bc", "00:15:5d:0a:bc:fg", "00:15-5d:0a:bc:ff",
            "00.15.5d.0a.bc.ff", "00:15:5d:0a:bc:ff:", "0:15:5d:0a:bc:fff", "+0:15:5d:0a:bc:ff"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(bad), bad);
            assertTrue(e.getMessage().contains("got " + bad), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(1L << 48));
        assertThrows(IllegalArgumentException.class, () -> new MacAddress(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> MacAddress.parse("00:00:00:00:00:00").octet(6));
    }

    @Test
    void generatedAddressesUseTheMicrosoftOuiAndVary() {
        Random r = new Random(1);
        MacAddress a = MacAddress.generated(r);
        MacAddress b = MacAddress.generated(r);
        assertTrue(a.toString().startsWith("00:15:5d:"), a.toString());
        assertEquals(0x00155DL, b.value() >>> 24);
        assertNotEquals(a, b);
        assertFalse(a.isMulticast());
    }

    @Test
    void groupAndBroadcastAddresses() {
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isBroadcast());
        assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").isMulticast());
        assertTrue(MacAddress.parse("01:00:5e:00:00:01").isMulticast());
        assertFalse(MacAddress.parse("01:00:5e:00:00:01").isBroadcast());
        assertFalse(MacAddress.parse("02:00:00:00:00:01").isMulticast());
    }
}
