package org.jvmm.chipset.impl.fwcfg;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.chipset.impl.PortBus;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FwCfgDeviceTest {
    static final long DESCRIPTOR = 0x1000, BUFFER = 0x2000;

    GuestMemory memory;
    FwCfgItems items = new FwCfgItems();
    FwCfgDevice fwCfg;
    PortBus bus;

    @BeforeEach
    void setUp() throws Exception {
        memory = GuestMemory.create(GuestMemoryLayout.flat(1 << 20));
        fwCfg = new FwCfgDevice(items, memory);
        bus = new PortBus(fwCfg);
    }

    @AfterEach
    void tearDown() {
        memory.close();
    }

    byte[] readItem(int key, int length) {
        bus.out(0x510, 2, key);
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) {
            out[i] = (byte) bus.in8(0x511);
        }
        return out;
    }

    /** Writes a descriptor and its address the way Linux's qemu_fw_cfg does (big-endian halves). */
    int dma(int control, int length, long address) {
        byte[] d = ByteBuffer.allocate(16).putInt(control).putInt(length).putLong(address).array();
        memory.write(DESCRIPTOR, d, 0, d.length);
        bus.out(0x514, 4, Integer.reverseBytes(0));
        bus.out(0x518, 4, Integer.reverseBytes((int) DESCRIPTOR) & 0xFFFF_FFFFL);
        return Integer.reverseBytes(memory.read32(DESCRIPTOR));
    }

    @Test
    void signatureIdAndDmaSignature() {
        assertEquals("QEMU", new String(readItem(FwCfgItems.SIGNATURE, 4), StandardCharsets.US_ASCII));
        assertArrayEquals(new byte[] {3, 0, 0, 0}, readItem(FwCfgItems.ID, 4), "traditional and DMA");
        assertEquals(0x5145_4D55, Integer.reverseBytes((int) bus.in(0x514, 4)), "\"QEMU\"");
        assertEquals(0x2043_4647, Integer.reverseBytes((int) bus.in(0x518, 4)), "\" CFG\"");
    }

    @Test
    void fixedItemsAreLittleEndianAndEndInZeros() {
        items.putInt16(FwCfgItems.NB_CPUS, 2);
        items.putInt64(FwCfgItems.RAM_SIZE, 512L << 20);
        assertArrayEquals(new byte[] {2, 0, 0}, readItem(FwCfgItems.NB_CPUS, 3));
        assertEquals(512L << 20, ByteBuffer.wrap(readItem(FwCfgItems.RAM_SIZE, 8))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong());
        assertArrayEquals(new byte[2], readItem(0x7F, 2), "a missing item reads as zeros");
    }

    @Test
    void fileDirectoryListsFilesWithSelectors() {
        items.putFile("etc/acpi/rsdp", new byte[20]);
        int tables = items.putFile("etc/acpi/tables", new byte[300]);
        assertEquals(0x21, tables);
        ByteBuffer dir = ByteBuffer.wrap(readItem(FwCfgItems.FILE_DIR, 4 + 2 * 64));
        assertEquals(2, dir.getInt());
        assertEquals(20, dir.getInt());
        assertEquals(0x20, dir.getShort());
        dir.position(4 + 64);
        assertEquals(300, dir.getInt());
        assertEquals(0x21, dir.getShort());
        dir.getShort();
        byte[] name = new byte[56];
        dir.get(name);
        assertEquals("etc/acpi/tables", new String(name, StandardCharsets.US_ASCII).trim());
        assertThrows(IllegalArgumentException.class, () -> items.put(FwCfgItems.FILE_DIR, new byte[1]));
    }

    @Test
    void dmaSelectsReadsAndZeroFills() {
        int key = items.putFile("opt/test", "hello".getBytes(StandardCharsets.US_ASCII));
        memory.fill(BUFFER, 16, (byte) 0xAA);
        int status = dma(key << 16 | FwCfg.CTL_SELECT | FwCfg.CTL_READ, 8, BUFFER);
        assertEquals(0, status, "done, no error");
        byte[] got = new byte[9];
        memory.read(BUFFER, got, 0, got.length);
        assertArrayEquals(new byte[] {'h', 'e', 'l', 'l', 'o', 0, 0, 0, (byte) 0xAA}, got);
    }

    @Test
    void dmaSkipThenReadAndAcrossPages() {
        byte[] data = new byte[6000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) i;
        }
        int key = items.putFile("opt/big", data);
        assertEquals(0, dma(key << 16 | FwCfg.CTL_SELECT | FwCfg.CTL_SKIP, 100, 0));
        assertEquals(0, dma(FwCfg.CTL_READ, 5000, BUFFER + 10));
        byte[] got = new byte[5000];
        memory.read(BUFFER + 10, got, 0, got.length);
        for (int i = 0; i < got.length; i++) {
            assertEquals((byte) (i + 100), got[i], "byte " + i);
        }
        assertEquals(5100 & 0xFF, bus.in8(0x511), "the data port continues after the DMA");
    }

    @Test
    void dmaOutsideRamAndWritesReportErrors() {
        items.putFile("opt/x", new byte[4]);
        assertEquals(FwCfg.CTL_ERROR, dma(0x20 << 16 | FwCfg.CTL_SELECT | FwCfg.CTL_READ, 4, 0x4000_0000L));
        assertEquals(FwCfg.CTL_ERROR, dma(FwCfg.CTL_WRITE, 4, BUFFER));
    }

    @Test
    void badAccesses() {
        IoValue v = new IoValue();
        assertEquals(IoResult.INVALID_ACCESS_SIZE, fwCfg.ioWrite(0x510, 1, 0));
        assertEquals(IoResult.INVALID_ACCESS_SIZE, fwCfg.ioRead(0x511, 2, v));
        assertEquals(IoResult.UNSUPPORTED, fwCfg.ioWrite(0x511, 1, 0));
        assertEquals(IoResult.INVALID_REGISTER, fwCfg.ioRead(0x516, 1, v));
    }
}
