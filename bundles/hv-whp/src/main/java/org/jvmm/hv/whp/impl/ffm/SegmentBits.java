package org.jvmm.hv.whp.impl.ffm;

/**
 * Converts segment attributes between WinHvPlatform's 16-bit form (type 3:0, S 4, DPL 6:5, P 7,
 * AVL 12, L 13, D/B 14, G 15) and hv-api's packed 12-bit form (the same low byte, then AVL 8, L 9,
 * D/B 10, G 11).
 */
public final class SegmentBits {
    private SegmentBits() {
    }

    public static int toApi(int whpAttributes) {
        return (whpAttributes & 0xFF) | ((whpAttributes >>> 12) & 0xF) << 8;
    }

    public static int toWhp(int apiAttributes) {
        return (apiAttributes & 0xFF) | ((apiAttributes >>> 8) & 0xF) << 12;
    }
}
