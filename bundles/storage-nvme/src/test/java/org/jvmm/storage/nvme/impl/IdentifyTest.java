package org.jvmm.storage.nvme.impl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.jvmm.storage.nvme.driver.Cmd;
import org.jvmm.storage.nvme.driver.Cqe;
import org.jvmm.storage.nvme.driver.Fixture;
import org.jvmm.storage.nvme.driver.MemDisk;
import org.jvmm.storage.nvme.driver.NvmeDriver;
import org.jvmm.storage.nvme.driver.TestRam;
import org.jvmm.storage.nvme.impl.spec.Status;
import org.jvmm.storage.nvme.resources.NvmeControllerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class IdentifyTest {
    private static final String SUBSYSTEM = "6f1e4a3c-2b7d-4e58-9a0b-1c2d3e4f5a6b";
    private final Fixture f = new Fixture(TestRam.flat(Fixture.RAM),
            new NvmeControllerHandle("nvme0", SUBSYSTEM, "SN-42", 4, 0, List.of()), 1 << 20, Fixture.RAM);
    private final NvmeDriver d = f.driver;

    IdentifyTest() {
        f.add(1, new MemDisk(512, 8192, false, true), false);
        f.add(3, new MemDisk(4096, 100, false, false), true);
        f.add(7, new MemDisk(512, 16, true, false), false);
        d.enable();
    }

    @AfterEach
    void close() {
        f.close();
    }

    @Test
    void controller() {
        ByteBuffer b = le(d.identify(1, 0));
        assertEquals(0x1414, b.getShort(0) & 0xFFFF, "VID");
        assertEquals("SN-42               ", ascii(b, 4, 20));
        assertEquals("jvmm NVMe controller", ascii(b, 24, 40).trim());
        assertEquals("1.0", ascii(b, 64, 8).trim());
        assertEquals(8, b.get(77), "MDTS: 1 MiB");
        assertEquals(0x0002_0000, b.getInt(80), "VER");
        assertEquals(1 << 8, b.getInt(92), "OAES: namespace attribute notices");
        assertEquals(1, b.get(111), "I/O controller");
        assertEquals(3, b.get(259), "AERL");
        assertEquals(0x66, b.get(512) & 0xFF, "SQES");
        assertEquals(0x44, b.get(513) & 0xFF, "CQES");
        assertEquals(256, b.getInt(516), "NN");
        assertEquals(0x0C, b.getShort(520), "ONCS: DSM and write zeroes");
        assertEquals(0x07, b.get(525), "VWC present, broadcast flush");
        assertEquals(0, b.getInt(536), "no SGLs");
        assertEquals("nqn.2014-08.org.nvmexpress:uuid:" + SUBSYSTEM, ascii(b, 768, 256).trim().replace("\0", ""));
    }

    @Test
    void namespaces() {
        ByteBuffer ns1 = le(d.identify(0, 1));
        assertEquals(8192, ns1.getLong(0), "NSZE");
        assertEquals(8192, ns1.getLong(8), "NCAP");
        assertEquals(9, ns1.get(130), "LBA format 0: 512 bytes");
        assertEquals(0, ns1.get(99), "not write protected");
        ByteBuffer ns3 = le(d.identify(0, 3));
        assertEquals(100, ns3.getLong(0));
        assertEquals(12, ns3.get(130), "4 KiB blocks");
        assertEquals(1, ns3.get(99), "read-only by the handle");
        assertEquals(1, le(d.identify(0, 7)).get(99), "read-only by the disk");
        assertArrayEquals(new byte[4096], d.identify(0, 2), "an inactive id reads as zeros");
        assertNull(d.identify(0, 0));
        assertNull(d.identify(0, -1));
        assertNull(d.identify(0, 257));
        assertTrue(Arrays.equals(d.identify(0, 1), 104, 120, d.identify(0, 1), 104, 120));
        byte[] other = d.identify(0, 3);
        assertTrue(!Arrays.equals(ns1.array(), 104, 120, other, 104, 120), "NGUIDs differ between namespaces");
    }

    @Test
    void activeNamespaceLists() {
        assertEquals(List.of(1, 3, 7), ids(d.identify(2, 0)));
        assertEquals(List.of(3, 7), ids(d.identify(2, 1)));
        assertEquals(List.of(), ids(d.identify(2, 7)));
        assertEquals(List.of(7), ids(d.identify(7, 3)), "CNS 07h for the NVM command set");
        assertNull(d.identify(2, 0xFFFF_FFFE));
    }

    @Test
    void descriptorsMatchTheNamespaceStructure() {
        ByteBuffer b = le(d.identify(3, 1));
        byte[] ns = d.identify(0, 1);
        assertEquals(1, b.get(0), "EUI-64");
        assertEquals(8, b.get(1));
        assertArrayEquals(Arrays.copyOfRange(ns, 120, 128), Arrays.copyOfRange(b.array(), 4, 12));
        assertEquals(2, b.get(12), "NGUID");
        assertEquals(16, b.get(13));
        assertArrayEquals(Arrays.copyOfRange(ns, 104, 120), Arrays.copyOfRange(b.array(), 16, 32));
        assertEquals(3, b.get(32), "UUID");
        assertEquals(4, b.get(52), "command set identifier");
        assertEquals(0, b.get(56), "NVM");
        assertNull(d.identify(3, 2), "inactive");
    }

    @Test
    void commandSetStructures() {
        ByteBuffer indep = le(d.identify(8, 3));
        assertEquals(1, indep.get(8), "write protected");
        assertEquals(1, indep.get(13), "namespace ready");
        assertEquals(0, le(d.identify(8, 5)).get(13), "inactive: not ready");
        assertArrayEquals(new byte[4096], d.identify(6, 0), "NVM controller limits: none");
        assertArrayEquals(new byte[4096], d.identify(5, 1));
        long buf = f.alloc.page(4096);
        Cqe zns = d.admin(Cmd.of(0x06, 0, buf, 0, 6, 2 << 24, 0));
        assertEquals(Status.INVALID_FIELD, zns.status(), "no zoned command set");
        assertEquals(Status.INVALID_FIELD, d.admin(Cmd.identify(0x10, 0, buf)).status());
    }

    @Test
    void dataGoesWhereThePrpsPoint() {
        long first = f.alloc.page(8192) + 4096 - 1024;
        long second = f.alloc.page(4096);
        Cqe c = d.admin(Cmd.of(0x06, 0, first, second, 1, 0, 0));
        assertTrue(c.ok());
        byte[] whole = d.identify(1, 0);
        assertArrayEquals(Arrays.copyOfRange(whole, 0, 1024), f.bytes(first, 1024));
        assertArrayEquals(Arrays.copyOfRange(whole, 1024, 4096), f.bytes(second, 3072));
        assertEquals(Status.DATA_TRANSFER_ERROR, d.admin(Cmd.identify(1, 0, Fixture.RAM)).status());
        assertEquals(Status.PRP_OFFSET_INVALID, d.admin(Cmd.identify(1, 0, first + 2)).status());
    }

    private static List<Integer> ids(byte[] list) {
        ByteBuffer b = le(list);
        java.util.ArrayList<Integer> out = new java.util.ArrayList<>();
        for (int i = 0; i < 1024 && b.getInt(i * 4) != 0; i++) {
            out.add(b.getInt(i * 4));
        }
        return out;
    }

    private static ByteBuffer le(byte[] b) {
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static String ascii(ByteBuffer b, int at, int len) {
        return new String(b.array(), at, len, StandardCharsets.US_ASCII);
    }
}
