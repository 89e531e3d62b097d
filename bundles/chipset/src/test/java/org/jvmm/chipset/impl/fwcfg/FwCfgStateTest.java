package org.jvmm.chipset.impl.fwcfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.chipset.impl.StateUnits;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** fw_cfg saved part-way through an item, with half a DMA address written. */
class FwCfgStateTest {
    static final long DESCRIPTOR = 0x1000, BUFFER = 0x2000;
    static final byte[] FILE = "etc/boot-order contents".getBytes(StandardCharsets.US_ASCII);

    GuestMemory m1;
    GuestMemory m2;
    FwCfgDevice original;
    FwCfgDevice restored;
    PortBus bus1;
    PortBus bus2;
    int key;

    /** The items come from configuration: each VM builds the same ones. */
    FwCfgItems items() {
        FwCfgItems items = new FwCfgItems();
        items.putInt16(FwCfgItems.NB_CPUS, 2);
        key = items.putFile("opt/test", FILE);
        return items;
    }

    @BeforeEach
    void setUp() throws Exception {
        m1 = GuestMemory.create(GuestMemoryLayout.flat(1 << 20));
        m2 = GuestMemory.create(GuestMemoryLayout.flat(1 << 20));
        original = new FwCfgDevice(items(), m1);
        restored = new FwCfgDevice(items(), m2);
        bus1 = new PortBus(original);
        bus2 = new PortBus(restored);
        bus1.out(0x510, 2, key);
        for (int i = 0; i < 5; i++) {
            bus1.in8(0x511);
        }
        bus1.out(0x514, 4, Integer.reverseBytes(1)); // high half of a DMA address above 4 GiB
        StateUnits.copy(original, restored);
    }

    @AfterEach
    void tearDown() {
        m1.close();
        m2.close();
    }

    static byte[] rest(PortBus bus, int n) {
        byte[] out = new byte[n];
        for (int i = 0; i < n; i++) {
            out[i] = (byte) bus.in8(0x511);
        }
        return out;
    }

    /** Writes a read descriptor and the low half of its address; returns the control word after. */
    static int dmaLow(GuestMemory memory, PortBus bus) {
        byte[] d = ByteBuffer.allocate(16).putInt(FwCfg.CTL_READ).putInt(4).putLong(BUFFER).array();
        memory.write(DESCRIPTOR, d, 0, d.length);
        bus.out(0x518, 4, Integer.reverseBytes((int) DESCRIPTOR) & 0xFFFF_FFFFL);
        return Integer.reverseBytes(memory.read32(DESCRIPTOR));
    }

    @Test
    void theRestoredDeviceReadsOnFromTheSameOffset() {
        byte[] expected = new byte[FILE.length - 5 + 2];
        System.arraycopy(FILE, 5, expected, 0, FILE.length - 5);
        byte[] read = rest(bus2, expected.length);
        assertArrayEquals(expected, read, "the rest of the file, then zeros");
        assertArrayEquals(rest(bus1, expected.length), read);
    }

    @Test
    void theHalfWrittenDmaAddressCarriesOver() {
        assertEquals(FwCfg.CTL_READ, dmaLow(m1, bus1), "the descriptor is above 4 GiB: nothing ran");
        assertEquals(FwCfg.CTL_READ, dmaLow(m2, bus2), "the restored device also addressed it above 4 GiB");
        assertEquals(0, dmaLow(m2, bus2), "the high half is consumed: the next transfer runs");
        byte[] buf = new byte[4];
        m2.read(BUFFER, buf, 0, 4);
        assertArrayEquals(new byte[] {FILE[5], FILE[6], FILE[7], FILE[8]}, buf);
    }

    @Test
    void badStatesAreRefusedAndChangeNothing() throws StateUnitException {
        StateUnits.assertRefusesBadStates(restored, new FwCfgDevice(items(), m1));
    }
}
