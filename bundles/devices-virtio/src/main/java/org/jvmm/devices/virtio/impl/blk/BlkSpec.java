package org.jvmm.devices.virtio.impl.blk;

/** virtio-blk constants (virtio 1.x section 5.2). */
final class BlkSpec {
    static final int F_SEG_MAX = 2;
    static final int F_RO = 5;
    static final int F_BLK_SIZE = 6;
    static final int F_FLUSH = 9;
    static final int F_DISCARD = 13;
    static final int F_WRITE_ZEROES = 14;

    static final int T_IN = 0;
    static final int T_OUT = 1;
    static final int T_FLUSH = 4;
    static final int T_GET_ID = 8;
    static final int T_DISCARD = 11;
    static final int T_WRITE_ZEROES = 13;

    static final byte S_OK = 0;
    static final byte S_IOERR = 1;
    static final byte S_UNSUPP = 2;

    /** Request header: type u32, reserved u32, sector u64. */
    static final int HEADER = 16;
    /** Discard / write-zeroes segment: sector u64, num_sectors u32, flags u32. */
    static final int SEGMENT = 16;
    static final int SEGMENT_F_UNMAP = 1;
    /** GET_ID answers at most this many bytes. */
    static final int ID_BYTES = 20;
    /** virtio-blk sectors are always 512 bytes. */
    static final int SECTOR = 512;

    private BlkSpec() {
    }
}
