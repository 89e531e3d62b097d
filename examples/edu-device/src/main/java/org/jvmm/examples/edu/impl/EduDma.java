package org.jvmm.examples.edu.impl;

import org.jvmm.guestmem.GuestMemory;

/**
 * The DMA engine: copies between guest RAM and the device's 4 KiB buffer, which sits at
 * {@link #BUFFER_ADDRESS} in the device's own address space. Every address comes from the guest,
 * so a transfer is checked whole before a byte moves and a bad one copies nothing and reports
 * false; it never throws and never touches memory outside RAM.
 */
final class EduDma {
    static final long BUFFER_ADDRESS = 0x40000;
    static final int BUFFER_SIZE = 4096;

    private final GuestMemory memory;
    private final byte[] buffer = new byte[BUFFER_SIZE];

    EduDma(GuestMemory memory) {
        this.memory = memory;
    }

    /** RAM at {@code ram} to the buffer at device address {@code device}; false if either is out of range. */
    boolean toDevice(long ram, long device, long count) {
        int offset = bufferOffset(device, count);
        return offset >= 0 && memory.tryRead(ram, buffer, offset, (int) count);
    }

    /** The buffer at device address {@code device} to RAM at {@code ram}; false if either is out of range. */
    boolean toRam(long device, long ram, long count) {
        int offset = bufferOffset(device, count);
        return offset >= 0 && memory.tryWrite(ram, buffer, offset, (int) count);
    }

    /** Clears the buffer (device reset). */
    void clear() {
        java.util.Arrays.fill(buffer, (byte) 0);
    }

    /** A copy of {@code length} buffer bytes from {@code offset} (for tests and inspection). */
    byte[] peek(int offset, int length) {
        return java.util.Arrays.copyOfRange(buffer, offset, offset + length);
    }

    /** The buffer offset of {@code [device, device + count)}, or -1 when it is not inside the buffer. */
    private static int bufferOffset(long device, long count) {
        long offset = device - BUFFER_ADDRESS;
        if (count < 0 || count > BUFFER_SIZE || offset < 0 || offset > BUFFER_SIZE - count) {
            return -1;
        }
        return (int) offset;
    }
}
