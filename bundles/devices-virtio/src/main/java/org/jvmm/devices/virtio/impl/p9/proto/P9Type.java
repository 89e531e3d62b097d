package org.jvmm.devices.virtio.impl.p9.proto;

/** 9P2000.L message type numbers (a reply is its request's number + 1) and wire constants. */
public final class P9Type {
    public static final int RLERROR = 7;
    public static final int TSTATFS = 8;
    public static final int TLOPEN = 12;
    public static final int TLCREATE = 14;
    public static final int TSYMLINK = 16;
    public static final int TMKNOD = 18;
    public static final int TRENAME = 20;
    public static final int TREADLINK = 22;
    public static final int TGETATTR = 24;
    public static final int TSETATTR = 26;
    public static final int TXATTRWALK = 30;
    public static final int TXATTRCREATE = 32;
    public static final int TREADDIR = 40;
    public static final int TFSYNC = 50;
    public static final int TLOCK = 52;
    public static final int TGETLOCK = 54;
    public static final int TLINK = 70;
    public static final int TMKDIR = 72;
    public static final int TRENAMEAT = 74;
    public static final int TUNLINKAT = 76;
    public static final int TVERSION = 100;
    public static final int TAUTH = 102;
    public static final int TATTACH = 104;
    public static final int TFLUSH = 108;
    public static final int TWALK = 110;
    public static final int TREAD = 116;
    public static final int TWRITE = 118;
    public static final int TCLUNK = 120;
    public static final int TREMOVE = 122;

    /** size[4] type[1] tag[2]. */
    public static final int HEADER = 7;
    /** Rread / Rreaddir header: the common header and count[4]. */
    public static final int IO_HEADER = HEADER + 4;
    /** Rlerror: the common header and ecode[4]. */
    public static final int RLERROR_SIZE = HEADER + 4;
    /** The tag of Tversion, and of replies to requests whose tag could not be read. */
    public static final int NOTAG = 0xFFFF;
    /** "No fid" (afid of an unauthenticated Tattach). */
    public static final int NOFID = -1;
    /** The most names one Twalk may carry (MAXWELEM). */
    public static final int MAX_WALK = 16;
    /** The protocol version this server speaks. */
    public static final String VERSION_L = "9P2000.L";

    private P9Type() {
    }
}
