package org.jvmm.chipset.impl.serial;

/** The UART's receive FIFO: a byte ring of 16, or of 1 when FIFOs are off (the holding register). */
final class RxFifo {
    static final int SIZE = 16;

    private final byte[] bytes = new byte[SIZE];
    private int head;
    private int count;
    private int capacity = 1;

    int size() {
        return count;
    }

    boolean isEmpty() {
        return count == 0;
    }

    boolean isFull() {
        return count >= capacity;
    }

    /** 16 with FIFOs on, 1 without; clears the contents. */
    void setCapacity(int capacity) {
        this.capacity = capacity;
        clear();
    }

    /** Adds {@code b}; false (byte lost) when full. */
    boolean push(int b) {
        if (isFull()) {
            return false;
        }
        bytes[(head + count) % SIZE] = (byte) b;
        count++;
        return true;
    }

    /** The oldest byte, or -1 when empty. */
    int pop() {
        if (count == 0) {
            return -1;
        }
        int b = bytes[head] & 0xFF;
        head = (head + 1) % SIZE;
        count--;
        return b;
    }

    void clear() {
        head = 0;
        count = 0;
    }

    void save(java.io.DataOutputStream out) throws java.io.IOException {
        out.writeInt(capacity);
        out.writeInt(count);
        for (int i = 0; i < count; i++) {
            out.writeByte(bytes[(head + i) % SIZE]);
        }
    }

    void restore(java.io.DataInputStream in) throws java.io.IOException {
        int cap = in.readInt();
        int n = in.readInt();
        if (cap != 1 && cap != SIZE || n < 0 || n > cap) {
            throw new java.io.IOException("receive FIFO capacity " + cap + " with " + n + " bytes");
        }
        setCapacity(cap);
        for (int i = 0; i < n; i++) {
            push(in.readUnsignedByte());
        }
    }
}
