package org.jvmm.hv.emu.impl.cpu;

/**
 * Port I/O and MMIO as seen from the CPU. Called synchronously on the VP thread; implementations
 * never throw for guest-caused conditions (an unclaimed port reads all ones, a write is dropped).
 * Values are zero-extended to {@code size} bytes (1, 2, 4 or 8).
 */
public interface IoBus {

    long portRead(int port, int size);

    void portWrite(int port, int size, long value);

    long mmioRead(long gpa, int size);

    void mmioWrite(long gpa, int size, long value);

    /** A bus with nothing on it. */
    IoBus NONE = new IoBus() {
        @Override
        public long portRead(int port, int size) {
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }

        @Override
        public void portWrite(int port, int size, long value) {
        }

        @Override
        public long mmioRead(long gpa, int size) {
            return size == 8 ? -1L : (1L << (size * 8)) - 1;
        }

        @Override
        public void mmioWrite(long gpa, int size, long value) {
        }
    };
}
