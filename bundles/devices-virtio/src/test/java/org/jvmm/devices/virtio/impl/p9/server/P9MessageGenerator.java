package org.jvmm.devices.virtio.impl.p9.server;

import static org.jvmm.devices.virtio.impl.p9.proto.P9Type.*;

import java.util.List;
import java.util.Random;
import org.jvmm.devices.virtio.impl.p9.server.P9Client.Msg;

/**
 * Random 9P2000.L requests for fuzzing: mostly well-formed messages of every type over a small set of
 * fids and of names that matter (the links of {@link OutsideWorld}, "..", separators, absolute paths),
 * with random flags, modes, offsets and counts, mostly on fids that exist (see {@link #observe}); some are then corrupted (bytes flipped, cut short,
 * size field changed). Deterministic for a seed.
 */
public final class P9MessageGenerator {
    private static final List<String> NAMES = List.of("inside.txt", "dir", "rel_out", "abs_out", "etc", "secret_link",
            "secret.txt", "passwd", "..", ".", "a", "b", "c", "new", "x y", "/etc", "../outside", "/", "", "a/b",
            "n".repeat(300), "pwned", "jvmm-p9-pwned", "\u00e9t\u00e9");
    private static final int[] TYPES = {TATTACH, TWALK, TWALK, TWALK, TLOPEN, TLOPEN, TLCREATE, TREAD,
        TREAD, TWRITE, TWRITE, TCLUNK, TREADDIR, TREADDIR, TMKDIR, TUNLINKAT, TRENAMEAT, TGETATTR, TSETATTR, TSTATFS,
        TSYMLINK, TREADLINK, TFSYNC, TFLUSH, TXATTRWALK, TXATTRCREATE, TLOCK, TGETLOCK, TLINK, TRENAME, TREMOVE,
        TMKNOD, TAUTH, 0, 255};

    private final Random r;
    private final List<Integer> live = new java.util.ArrayList<>();
    private final List<Integer> opened = new java.util.ArrayList<>();
    private int tag;
    private boolean attachNext;
    private boolean started;

    public P9MessageGenerator(Random r) {
        this.r = r;
    }

    /** The next request, possibly corrupted. The first is a Tversion; a new session
     * (Tversion, rare) is followed by an attach of fid 0. */
    public byte[] next() {
        if (!started) {
            started = true;
            attachNext = true;
            return P9Client.msg().u32(1 << 20).str(VERSION_L).build(TVERSION, NOTAG);
        }
        if (attachNext) {
            attachNext = false;
            return P9Client.msg().u32(0).u32(NOFID).str("u").str("").u32(0).build(TATTACH, tag++ & 0xFFFF);
        }
        int type = r.nextInt(300) == 0 ? TVERSION : r.nextInt(50) == 0 ? r.nextInt(256) : TYPES[r.nextInt(TYPES.length)];
        attachNext = type == TVERSION;
        byte[] m = body(type).build(type, tag++ & 0xFFFF);
        return corrupt(m);
    }

    /**
     * Learns from a reply which fids exist (attach and walk add one, clunk and remove drop one, a version
     * drops all), so most requests name a live fid.
     */
    public void observe(byte[] request, byte[] reply) {
        if (request.length < 11 || reply.length < 5) {
            return;
        }
        int type = request[4] & 0xFF;
        boolean ok = reply[4] == type + 1;
        int fid = u32(request, 7);
        switch (type) {
            case TVERSION -> {
                live.clear();
                opened.clear();
            }
            case TLOPEN, TLCREATE -> {
                if (ok) {
                    opened.add(fid);
                }
            }
            case TATTACH -> {
                if (ok) {
                    live.add(fid);
                }
            }
            case TWALK -> {
                if (ok && request.length >= 15) {
                    live.add(u32(request, 11));
                }
            }
            case TCLUNK, TREMOVE -> {
                live.remove((Integer) fid);
                opened.remove((Integer) fid);
            }
            default -> {
            }
        }
        if (live.size() > 100) {
            live.removeFirst();
        }
        if (opened.size() > 100) {
            opened.removeFirst();
        }
    }

    private static int u32(byte[] b, int at) {
        return b[at] & 0xFF | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF) << 16 | (b[at + 3] & 0xFF) << 24;
    }

    private Msg body(int type) {
        Msg m = P9Client.msg();
        return switch (type) {
            case TVERSION -> m.u32(r.nextInt(8) == 0 ? r.nextInt() : 512 + r.nextInt(1 << 20))
                    .str(r.nextInt(8) == 0 ? "9P2000.u" : VERSION_L);
            case TATTACH, TAUTH -> m.u32(freshFid()).u32(r.nextBoolean() ? NOFID : fid()).str("u").str(name()).u32(r.nextInt());
            case TWALK -> walk(m);
            case TLOPEN -> m.u32(unopenedFid()).u32(flags());
            case TLCREATE -> m.u32(unopenedFid()).str(name()).u32(flags()).u32(mode()).u32(0);
            case TREAD, TREADDIR -> m.u32(openFid()).u64(offset()).u32(count());
            case TWRITE -> write(m);
            case TMKDIR -> m.u32(fid()).str(name()).u32(mode()).u32(0);
            case TUNLINKAT -> m.u32(fid()).str(name()).u32(r.nextInt(4) == 0 ? r.nextInt() : r.nextBoolean() ? 0x200 : 0);
            case TRENAMEAT -> m.u32(fid()).str(name()).u32(fid()).str(name());
            case TSETATTR -> m.u32(fid()).u32(r.nextInt(0x200)).u32(mode()).u32(r.nextInt(4) == 0 ? r.nextInt() : -1)
                    .u32(-1).u64(offset()).u64(r.nextInt(2_000_000_000)).u64(r.nextInt(1_000_000_000))
                    .u64(r.nextLong()).u64(r.nextInt(4) == 0 ? r.nextLong() : r.nextInt(1_000_000_000));
            case TSYMLINK -> m.u32(fid()).str(name()).str(r.nextBoolean() ? name() : "/etc/passwd").u32(0);
            case TFLUSH -> m.u16(r.nextInt(0x10000));
            case TXATTRWALK -> m.u32(fid()).u32(fid()).str("user.a");
            case TXATTRCREATE -> m.u32(fid()).str("user.a").u64(r.nextInt(100)).u32(0);
            case TLOCK -> m.u32(fid()).u8(r.nextInt(4)).u32(r.nextInt(3)).u64(offset()).u64(offset()).u32(1).str("g");
            case TGETLOCK -> m.u32(fid()).u8(r.nextInt(4)).u64(offset()).u64(offset()).u32(1).str("g");
            case TLINK, TRENAME -> m.u32(fid()).u32(fid()).str(name());
            case TMKNOD -> m.u32(fid()).str(name()).u32(010644).u32(0).u32(0).u32(0);
            case TFSYNC -> m.u32(fid()).u32(r.nextInt(2));
            default -> m.u32(fid()).u64(r.nextLong());
        };
    }

    private Msg walk(Msg m) {
        int n = r.nextInt(20) == 0 ? 17 + r.nextInt(3) : r.nextInt(5);
        m.u32(fid()).u32(r.nextInt(10) == 0 ? fid() : freshFid()).u16(n);
        for (int i = 0; i < n; i++) {
            m.str(name());
        }
        return m;
    }

    private Msg write(Msg m) {
        byte[] data = new byte[r.nextInt(r.nextInt(10) == 0 ? 70_000 : 300)];
        r.nextBytes(data);
        int count = r.nextInt(10) == 0 ? data.length + 1 + r.nextInt(100) : data.length;
        return m.u32(openFid()).u64(offset()).u32(count).raw(data, false);
    }

    private int fid() {
        if (!live.isEmpty() && r.nextInt(8) != 0) {
            return live.get(r.nextInt(live.size()));
        }
        return r.nextInt(30) == 0 ? r.nextInt() : r.nextInt(12);
    }

    /** Mostly a fid opened by Tlopen or Tlcreate. */
    private int openFid() {
        return !opened.isEmpty() && r.nextInt(5) != 0 ? opened.get(r.nextInt(opened.size())) : fid();
    }

    /** Mostly a live fid not opened yet. */
    private int unopenedFid() {
        List<Integer> closed = live.stream().filter(f -> !opened.contains(f)).toList();
        return !closed.isEmpty() && r.nextInt(5) != 0 ? closed.get(r.nextInt(closed.size())) : fid();
    }

    /** A fid number that is probably unused. */
    private int freshFid() {
        return r.nextInt(30) == 0 ? r.nextInt() : r.nextInt(80);
    }

    private String name() {
        return NAMES.get(r.nextInt(NAMES.size()));
    }

    private int flags() {
        int f = r.nextInt(3) | (r.nextBoolean() ? 01000 : 0) | (r.nextInt(4) == 0 ? 02000 : 0) | (r.nextInt(4) == 0 ? 0200 : 0);
        return r.nextInt(20) == 0 ? r.nextInt() : f | (r.nextInt(8) == 0 ? 0200000 : 0);
    }

    private int mode() {
        return r.nextInt(8) == 0 ? r.nextInt() : 0600 | r.nextInt(0200);
    }

    private long offset() {
        return switch (r.nextInt(10)) {
            case 0 -> r.nextLong();
            case 1 -> Long.MAX_VALUE - r.nextInt(10);
            default -> r.nextInt(70_000);
        };
    }

    private int count() {
        return r.nextInt(10) == 0 ? r.nextInt() : r.nextInt(100_000);
    }

    private byte[] corrupt(byte[] m) {
        switch (r.nextInt(10)) {
            case 0 -> {
                for (int i = 0, n = 1 + r.nextInt(4); i < n; i++) {
                    m[r.nextInt(m.length)] = (byte) r.nextInt(256);
                }
            }
            case 1 -> {
                int cut = r.nextInt(m.length + 1);
                byte[] s = java.util.Arrays.copyOf(m, cut);
                if (cut >= 4 && r.nextBoolean()) {
                    s[0] = (byte) cut;
                    s[1] = (byte) (cut >>> 8);
                    s[2] = (byte) (cut >>> 16);
                    s[3] = 0;
                }
                return s;
            }
            default -> {
                return m;
            }
        }
        return m;
    }
}
