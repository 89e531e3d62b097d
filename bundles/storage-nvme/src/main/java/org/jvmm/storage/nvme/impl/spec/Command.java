package org.jvmm.storage.nvme.impl.spec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A 64-byte submission queue entry as the guest wrote it (untrusted: every field is checked by
 * the command that uses it).
 */
public record Command(int cdw0, int nsid, long prp1, long prp2, int cdw10, int cdw11, int cdw12, int cdw13,
        int cdw14, int cdw15) {
    public static final int SIZE = 64;

    /** Decodes {@code bytes[0, 64)}. */
    public static Command parse(byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes, 0, SIZE).order(ByteOrder.LITTLE_ENDIAN);
        return new Command(b.getInt(0), b.getInt(4), b.getLong(24), b.getLong(32), b.getInt(40), b.getInt(44),
                b.getInt(48), b.getInt(52), b.getInt(56), b.getInt(60));
    }

    /** Encodes the entry (the driver side; metadata pointer and dwords 2-3 zero). */
    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(SIZE).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, cdw0).putInt(4, nsid).putLong(24, prp1).putLong(32, prp2).putInt(40, cdw10).putInt(44, cdw11)
                .putInt(48, cdw12).putInt(52, cdw13).putInt(56, cdw14).putInt(60, cdw15);
        return b.array();
    }

    public int opcode() {
        return cdw0 & 0xFF;
    }

    /** Fused operation bits (only 0, not fused, is supported). */
    public int fuse() {
        return cdw0 >>> 8 & 3;
    }

    /** PRP or SGL for data transfer: only 0 (PRPs) is supported. */
    public int psdt() {
        return cdw0 >>> 14 & 3;
    }

    public int cid() {
        return cdw0 >>> 16;
    }

    /** Command dwords 10 and 11 as one 64-bit value (a starting LBA). */
    public long cdw10and11() {
        return cdw10 & 0xFFFF_FFFFL | (long) cdw11 << 32;
    }
}
