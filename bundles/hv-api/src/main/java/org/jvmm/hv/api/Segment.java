package org.jvmm.hv.api;

/**
 * A segment register's visible selector and hidden descriptor cache. {@code attributes} uses the
 * 12-bit packed descriptor form: type in bits 3:0, S 4, DPL 6:5, P 7, AVL 8, L 9, D/B 10, G 11.
 */
public record Segment(int selector, long base, int limit, int attributes) {
    public static final int TYPE_MASK = 0xF;
    public static final int S = 1 << 4;
    public static final int P = 1 << 7;
    public static final int L = 1 << 9;
    public static final int DB = 1 << 10;
    public static final int G = 1 << 11;

    /** A 64-bit code segment as a loader sets it up (execute/read, accessed, present, L). */
    public static Segment code64(int selector) {
        return new Segment(selector, 0, 0xFFFFFFFF, 0xB | S | P | L | G);
    }

    /** A flat 32-bit code segment (execute/read, accessed, present, D/B, G). */
    public static Segment code32(int selector) {
        return new Segment(selector, 0, 0xFFFFFFFF, 0xB | S | P | DB | G);
    }

    /** A flat writable data segment (read/write, accessed, present, D/B, G). */
    public static Segment data(int selector) {
        return new Segment(selector, 0, 0xFFFFFFFF, 0x3 | S | P | DB | G);
    }

    /** A real-mode segment: base = selector * 16, 64 KiB limit. */
    public static Segment real(int selector, int type) {
        return new Segment(selector, (long) selector << 4, 0xFFFF, type | S | P);
    }

    public int type() {
        return attributes & TYPE_MASK;
    }

    public int dpl() {
        return (attributes >> 5) & 3;
    }

    public boolean present() {
        return (attributes & P) != 0;
    }

    public boolean longMode() {
        return (attributes & L) != 0;
    }

    public boolean defaultBig() {
        return (attributes & DB) != 0;
    }
}
