package org.jvmm.loader.linux.impl;

/** Test data for tests in sub-packages. */
public final class TestData {
    private TestData() {
    }

    public static byte[] pattern(int size, int seed) {
        return TestVm.pattern(size, seed);
    }

    public static byte[] lz4Legacy(byte[] data, int magicEvery) {
        return Compress.lz4Legacy(data, magicEvery);
    }
}
