package org.jvmm.vm.worker.impl;

/** Byte counts for people: {@code 256 MiB}, {@code 1 GiB}, {@code 4097 bytes}. */
final class Sizes {
    private Sizes() {
    }

    static String human(long bytes) {
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        String out = bytes + " bytes";
        long v = bytes;
        for (String unit : units) {
            if (v < 1024 || v % 1024 != 0) {
                break;
            }
            v /= 1024;
            out = v + " " + unit;
        }
        return out;
    }
}
