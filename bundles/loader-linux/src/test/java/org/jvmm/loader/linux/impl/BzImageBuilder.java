package org.jvmm.loader.linux.impl;

/** Builds a fake bzImage: a setup header and a protected-mode kernel that may carry a payload. */
final class BzImageBuilder {
    int setupSects = 4;
    int version = 0x20F;
    int xloadflags = 0x7F;
    long prefAddress = 0x100_0000;
    long initSize = 0x40_0000;
    long alignment = 0x20_0000;
    boolean relocatable = true;
    long initrdAddrMax = 0x7FFF_FFFFL;
    int cmdlineSize = 2047;
    byte[] payload = new byte[0];
    /** Bytes of the protected-mode kernel before the payload. */
    int payloadOffset = 0x400;
    int trailer = 0x100;

    byte[] build() {
        int kernelOffset = (setupSects + 1) * 512;
        int kernelSize = payloadOffset + payload.length + trailer;
        byte[] img = new byte[kernelOffset + kernelSize];
        img[0x1F1] = (byte) setupSects;
        put16(img, 0x1FE, 0xAA55);
        img[0x200] = (byte) 0xEB;
        img[0x201] = 0x6A;
        put32(img, 0x202, 0x53726448L);
        put16(img, 0x206, version);
        img[0x211] = 0x01;
        put32(img, 0x22C, initrdAddrMax);
        put32(img, 0x230, alignment);
        img[0x234] = (byte) (relocatable ? 1 : 0);
        put16(img, 0x236, xloadflags);
        put32(img, 0x238, cmdlineSize);
        put32(img, 0x248, payloadOffset);
        put32(img, 0x24C, payload.length);
        put32(img, 0x258, prefAddress);
        put32(img, 0x25C, prefAddress >>> 32);
        put32(img, 0x260, initSize);
        for (int i = 0; i < payloadOffset; i++) {
            img[kernelOffset + i] = (byte) (0x90 + (i & 7));
        }
        System.arraycopy(payload, 0, img, kernelOffset + payloadOffset, payload.length);
        return img;
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    static void put32(byte[] b, int at, long v) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (v >>> (8 * i));
        }
    }
}
