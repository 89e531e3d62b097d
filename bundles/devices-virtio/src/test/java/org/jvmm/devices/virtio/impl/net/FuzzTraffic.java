package org.jvmm.devices.virtio.impl.net;

import java.util.Arrays;
import java.util.Random;

/**
 * The chains a fuzz run's driver posts. Transmit: split headers, short headers, offload flags, frames
 * from empty to 20 KB, trailing writable buffers, indirect tables. Receive: too short for a header,
 * read-only, a readable prefix, split over several buffers, indirect, and plain MTU-sized ones.
 */
final class FuzzTraffic {
    private final Random r;
    private int nextSeq;

    FuzzTraffic(Random r) {
        this.r = r;
    }

    /** Posts 1..3 transmit chains (as many as fit), valid or not. */
    void transmit(FuzzRing tx, boolean indirect) {
        int chains = 1 + r.nextInt(3);
        for (int c = 0; c < chains; c++) {
            int seq = nextSeq++;
            int len = frameLength();
            byte[] header = new byte[NetGuest.HEADER];
            boolean clean = r.nextInt(12) != 0;
            if (clean) {
                header[0] = (byte) (r.nextInt(8) == 0 ? r.nextInt(256) & ~1 : 0);
            } else if (r.nextBoolean()) {
                header[0] = (byte) (r.nextInt(256) | 1);
            } else {
                header[1] = (byte) (1 + r.nextInt(255));
            }
            byte[] all = withHeader(header, seq, len);
            if (r.nextInt(30) == 0) {
                all = Arrays.copyOf(all, r.nextInt(NetGuest.HEADER));
            }
            boolean valid = clean && all.length >= NetGuest.HEADER && len >= 14;
            post(tx, indirect, all, valid ? seq : -1);
        }
    }

    /** Posts one valid transmit chain with a frame of {@code len} bytes. */
    void transmitOne(FuzzRing tx, int len) {
        int seq = nextSeq++;
        post(tx, false, withHeader(new byte[NetGuest.HEADER], seq, len), seq);
    }

    private static byte[] withHeader(byte[] header, int seq, int len) {
        byte[] all = new byte[header.length + len];
        System.arraycopy(header, 0, all, 0, header.length);
        System.arraycopy(FuzzFrames.frame(seq, len), 0, all, header.length, len);
        return all;
    }

    private int frameLength() {
        return switch (r.nextInt(20)) {
            case 0 -> r.nextInt(14);
            case 1 -> 8000 + r.nextInt(12_000);
            case 2, 3 -> 1514;
            default -> 14 + r.nextInt(1501);
        };
    }

    /** Splits {@code all} over buffers of at most one slot each, maybe with a trailing writable buffer. */
    private void post(FuzzRing tx, boolean indirect, byte[] all, int seq) {
        int least = Math.max(1, (all.length + FuzzRing.SLOT - 1) / FuzzRing.SLOT);
        int pieces = Math.min(8, least + r.nextInt(3));
        boolean trailer = r.nextInt(10) == 0;
        int n = pieces + (trailer ? 1 : 0);
        int[] lens = new int[n];
        boolean[] writable = new boolean[n];
        byte[][] content = new byte[n][];
        int at = 0;
        for (int i = 0; i < pieces; i++) {
            int left = all.length - at;
            int lo = Math.max(0, left - FuzzRing.SLOT * (pieces - 1 - i));
            int hi = Math.min(FuzzRing.SLOT, left);
            lens[i] = i == pieces - 1 ? left : lo + r.nextInt(hi - lo + 1);
            content[i] = Arrays.copyOfRange(all, at, at + lens[i]);
            at += lens[i];
        }
        if (trailer) {
            lens[pieces] = 1 + r.nextInt(64);
            writable[pieces] = true;
        }
        boolean ind = indirect && r.nextInt(4) == 0;
        if (tx.fits(n, ind)) {
            tx.post(lens, writable, content, NetChecker.TX_FILL, ind, seq, all);
        }
    }

    /** Posts 1..4 receive chains (as many as fit). */
    void receive(FuzzRing rx, boolean indirect) {
        int chains = 1 + r.nextInt(4);
        for (int c = 0; c < chains; c++) {
            int kind = r.nextInt(100);
            int[] lens;
            boolean[] writable;
            if (kind < 4) {
                lens = new int[] {1 + r.nextInt(64)};
                writable = new boolean[] {false};
            } else if (kind < 10) {
                lens = new int[] {r.nextInt(NetGuest.HEADER)};
                writable = new boolean[] {true};
            } else if (kind < 16) {
                lens = new int[] {1 + r.nextInt(32), 12 + r.nextInt(2000)};
                writable = new boolean[] {false, true};
            } else if (kind < 80) {
                lens = new int[] {kind < 55 ? 1526 + r.nextInt(600) : 12 + r.nextInt(600)};
                writable = new boolean[] {true};
            } else {
                lens = new int[2 + r.nextInt(2)];
                writable = new boolean[lens.length];
                for (int i = 0; i < lens.length; i++) {
                    lens[i] = 1 + r.nextInt(3000);
                    writable[i] = true;
                }
            }
            boolean ind = indirect && r.nextInt(4) == 0;
            if (rx.fits(lens.length, ind)) {
                rx.post(lens, writable, null, NetChecker.FILL, ind, -1, null);
            }
        }
    }
}
