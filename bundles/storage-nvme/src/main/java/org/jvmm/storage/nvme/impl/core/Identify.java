package org.jvmm.storage.nvme.impl.core;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jvmm.storage.nvme.impl.spec.Limits;

/**
 * The Identify data structures (4096 bytes each): controller (CNS 01h), namespace (00h), active
 * namespace list (02h, 07h), namespace identification descriptors (03h), I/O command set
 * independent namespace (08h), and the NVM command set specific ones (05h, 06h), which hold no
 * limits and so are all zeros.
 */
final class Identify {
    static final int SIZE = 4096;
    static final int MODEL_LENGTH = 40;
    static final String MODEL = "jvmm NVMe controller";
    static final String FIRMWARE = "1.0";
    /** Dataset Management and Write Zeroes. */
    static final int ONCS = 1 << 2 | 1 << 3;
    /** A volatile write cache, and Flush with NSID FFFFFFFFh. */
    static final int VWC = 0x07;
    static final int OAES_NAMESPACE_NOTICES = 1 << 8;
    private static final int DESCRIPTOR_EUI64 = 1;
    private static final int DESCRIPTOR_NGUID = 2;
    private static final int DESCRIPTOR_UUID = 3;
    private static final int DESCRIPTOR_CSI = 4;

    private Identify() {
    }

    static byte[] controller(ControllerIdentity id, int maxNamespaces) {
        ByteBuffer b = page();
        b.putShort(0, (short) Limits.PCI_VENDOR).putShort(2, (short) Limits.PCI_VENDOR);
        ascii(b, 4, id.serial(), 20);
        ascii(b, 24, MODEL, MODEL_LENGTH);
        ascii(b, 64, FIRMWARE, 8);
        b.put(77, (byte) Limits.MDTS).putShort(78, (short) 1).putInt(80, Limits.VERSION)
                .putInt(92, OAES_NAMESPACE_NOTICES).put(111, (byte) 1);
        b.put(258, (byte) Limits.ACL).put(259, (byte) Limits.AERL).put(260, (byte) 0x03).put(261, (byte) 0x04)
                .put(262, (byte) Limits.ELPE).putShort(266, (short) Features.TEMPERATURE_OVER_DEFAULT)
                .putShort(268, (short) 0x0175);
        b.put(512, (byte) (Limits.SQ_ENTRY_SIZE_LOG2 << 4 | Limits.SQ_ENTRY_SIZE_LOG2))
                .put(513, (byte) (Limits.CQ_ENTRY_SIZE_LOG2 << 4 | Limits.CQ_ENTRY_SIZE_LOG2))
                .putInt(516, maxNamespaces).putShort(520, (short) ONCS).put(525, (byte) VWC);
        byte[] nqn = id.subsystemNqn().getBytes(StandardCharsets.US_ASCII);
        b.put(768, nqn, 0, Math.min(nqn.length, 255));
        b.putShort(2048, (short) 2500);
        return b.array();
    }

    /** CNS 00h: the namespace, or zeros for an inactive id. */
    static byte[] namespace(Namespace ns) {
        ByteBuffer b = page();
        if (ns != null) {
            b.putLong(0, ns.blocks).putLong(8, ns.blocks).putLong(16, ns.blocks);
            b.put(99, (byte) (ns.readOnly ? 1 : 0));
            b.put(104, ns.nguid).put(120, ns.eui64);
            b.put(130, (byte) ns.lbaShift);
        }
        return b.array();
    }

    /** CNS 02h/07h: up to 1024 active ids. */
    static byte[] activeList(List<Integer> ids) {
        ByteBuffer b = page();
        for (int i = 0; i < ids.size(); i++) {
            b.putInt(i * 4, ids.get(i));
        }
        return b.array();
    }

    /** CNS 03h: EUI-64, NGUID, UUID and the command set (NVM). */
    static byte[] descriptors(Namespace ns) {
        ByteBuffer b = page();
        int at = descriptor(b, 0, DESCRIPTOR_EUI64, ns.eui64);
        at = descriptor(b, at, DESCRIPTOR_NGUID, ns.nguid);
        at = descriptor(b, at, DESCRIPTOR_UUID, ns.uuid);
        descriptor(b, at, DESCRIPTOR_CSI, new byte[1]);
        return b.array();
    }

    /** CNS 08h: write protection and Namespace Ready, or zeros for an inactive id. */
    static byte[] independentNamespace(Namespace ns) {
        ByteBuffer b = page();
        if (ns != null) {
            b.put(8, (byte) (ns.readOnly ? 1 : 0)).put(13, (byte) 1);
        }
        return b.array();
    }

    static byte[] zeros() {
        return new byte[SIZE];
    }

    private static int descriptor(ByteBuffer b, int at, int type, byte[] value) {
        b.put(at, (byte) type).put(at + 1, (byte) value.length).put(at + 4, value);
        return at + 4 + value.length;
    }

    private static ByteBuffer page() {
        return ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static void ascii(ByteBuffer b, int at, String s, int length) {
        byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < length; i++) {
            b.put(at + i, i < bytes.length ? bytes[i] : (byte) ' ');
        }
    }
}
