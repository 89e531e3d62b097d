package org.jvmm.loader.linux.impl.acpi;

import org.jvmm.loader.linux.impl.ByteWriter;

/**
 * System description tables: the 36-byte header (signature, length, revision, checksum, OEM
 * fields) in front of a body, with the checksum making all bytes sum to zero.
 */
public final class Sdt {
    public static final int HEADER_LENGTH = 36;
    public static final String OEM_ID = "JVMM";
    public static final String OEM_TABLE_ID = "JVMMVM";
    public static final String CREATOR_ID = "JVMM";
    public static final int CHECKSUM_OFFSET = 9;

    private Sdt() {
    }

    public static byte[] table(String signature, int revision, byte[] body) {
        ByteWriter w = new ByteWriter(HEADER_LENGTH + body.length);
        w.ascii(signature, 4, ' ').u32(HEADER_LENGTH + body.length).u8(revision).u8(0)
                .ascii(OEM_ID, 6, ' ').ascii(OEM_TABLE_ID, 8, ' ').u32(1).ascii(CREATOR_ID, 4, ' ').u32(1)
                .bytes(body);
        byte[] out = w.toByteArray();
        out[CHECKSUM_OFFSET] = checksum(out, 0, out.length);
        return out;
    }

    /** The byte that makes {@code b[off, off + len)} sum to zero (mod 256), given a zero in its place. */
    public static byte checksum(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += b[i];
        }
        return (byte) -sum;
    }

    /** Whether {@code b[off, off + len)} sums to zero. */
    public static boolean checksumOk(byte[] b, int off, int len) {
        int sum = 0;
        for (int i = off; i < off + len; i++) {
            sum += b[i];
        }
        return (sum & 0xFF) == 0;
    }
}
