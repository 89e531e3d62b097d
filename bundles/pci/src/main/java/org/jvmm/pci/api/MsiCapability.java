package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.inspect.InspectNode;

/**
 * The MSI capability (id 0x05) with a 64-bit address, 1..32 vectors and optional per-vector
 * masking. Layout: control at 2, address low at 4, high at 8, data at 12, and with masking the
 * mask bits at 16 and pending bits at 20. A masked vector's message is held pending and sent when
 * it is unmasked. Messages go to the sender given at construction (for a function, only while it
 * may master the bus).
 */
public final class MsiCapability implements PciCapability {
    private static final int ENABLE = 1;
    private static final int MME_SHIFT = 4;
    private static final int CAP_64BIT = 1 << 7;
    private static final int CAP_MASKING = 1 << 8;

    private final int log2Vectors;
    private final boolean masking;
    private final MsiSink sender;
    private int control;
    private long address;
    private int data;
    private int maskBits;
    private int pendingBits;
    private long sent;
    private long dropped;

    /**
     * @param vectors       1, 2, 4, 8, 16 or 32
     * @param perVectorMask whether the mask and pending registers exist
     * @param sender        where unmasked messages go
     */
    public MsiCapability(int vectors, boolean perVectorMask, MsiSink sender) {
        if (vectors < 1 || vectors > 32 || Integer.bitCount(vectors) != 1) {
            throw new IllegalArgumentException("msi: vectors must be 1, 2, 4, 8, 16 or 32, got " + vectors);
        }
        this.log2Vectors = Integer.numberOfTrailingZeros(vectors);
        this.masking = perVectorMask;
        this.sender = sender;
    }

    @Override
    public int id() {
        return PciRegisters.CAP_MSI;
    }

    @Override
    public int length() {
        return masking ? 24 : 14;
    }

    @Override
    public String name() {
        return "msi";
    }

    @Override
    public synchronized int read(int offset) {
        return switch (offset) {
            case 0 -> controlRegister() << 16;
            case 4 -> (int) address;
            case 8 -> (int) (address >>> 32);
            case 12 -> data & 0xFFFF;
            case 16 -> masking ? maskBits : 0;
            case 20 -> masking ? pendingBits : 0;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        synchronized (this) {
            switch (offset) {
                case 0 -> writeControl(PciRegisters.merge(controlRegister() << 16, value, byteEnables) >>> 16);
                case 4 -> address = address & 0xFFFF_FFFF_0000_0000L
                        | PciRegisters.merge((int) address, value, byteEnables) & 0xFFFF_FFFCL;
                case 8 -> address = address & 0xFFFF_FFFFL
                        | (long) PciRegisters.merge((int) (address >>> 32), value, byteEnables) << 32;
                case 12 -> data = PciRegisters.merge(data, value, byteEnables) & 0xFFFF;
                case 16 -> {
                    if (masking) {
                        maskBits = PciRegisters.merge(maskBits, value, byteEnables) & vectorBits(1 << log2Vectors);
                    }
                }
                default -> {
                    // pending bits are read-only
                }
            }
        }
        deliverUnmaskedPending();
    }

    /**
     * Signals {@code vector}. Returns false when MSI is disabled (the caller may use INTx); a
     * vector beyond the enabled count is dropped.
     */
    public boolean signal(int vector) {
        long addr;
        int msg;
        synchronized (this) {
            if ((control & ENABLE) == 0) {
                return false;
            }
            int enabled = enabledVectors();
            if (vector < 0 || vector >= enabled) {
                dropped++;
                return true;
            }
            if (masking && (maskBits & 1 << vector) != 0) {
                pendingBits |= 1 << vector;
                return true;
            }
            addr = address;
            msg = message(vector, enabled);
            sent++;
        }
        sender.signal(addr, msg);
        return true;
    }

    public synchronized boolean enabled() {
        return (control & ENABLE) != 0;
    }

    /** The vectors software enabled (Multiple Message Enable), at least 1. */
    public synchronized int enabledVectors() {
        return 1 << Math.min(control >>> MME_SHIFT & 7, log2Vectors);
    }

    public synchronized boolean masked(int vector) {
        return masking && (maskBits & 1 << vector) != 0;
    }

    public synchronized boolean pending(int vector) {
        return (pendingBits & 1 << vector) != 0;
    }

    @Override
    public synchronized void reset() {
        control = 0;
        address = 0;
        data = 0;
        maskBits = 0;
        pendingBits = 0;
    }

    /** Control (enable, enabled vectors), address, data, mask and pending bits. */
    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeInt(control);
        out.writeLong(address);
        out.writeInt(data);
        out.writeInt(maskBits);
        out.writeInt(pendingBits);
    }

    @Override
    public synchronized void restoreState(DataInputStream in) throws IOException {
        int c = in.readInt();
        long a = in.readLong();
        int d = in.readInt();
        int mask = in.readInt();
        int pend = in.readInt();
        writeControl(c);
        address = a & ~3L;
        data = d & 0xFFFF;
        int vectors = vectorBits(1 << log2Vectors);
        maskBits = masking ? mask & vectors : 0;
        pendingBits = masking ? pend & vectors : 0;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("enabled", (control & ENABLE) != 0).field("vectors", 1 << log2Vectors)
                .field("enabledVectors", enabledVectors()).hex("address", address).hex("data", data);
        if (masking) {
            node.hex("mask", maskBits & 0xFFFF_FFFFL).hex("pending", pendingBits & 0xFFFF_FFFFL);
        }
        node.field("sent", sent).field("dropped", dropped);
    }

    private int controlRegister() {
        return control & (ENABLE | 7 << MME_SHIFT) | log2Vectors << 1 | CAP_64BIT | (masking ? CAP_MASKING : 0);
    }

    private void writeControl(int value) {
        int mme = Math.min(value >>> MME_SHIFT & 7, log2Vectors);
        control = value & ENABLE | mme << MME_SHIFT;
    }

    private int message(int vector, int enabled) {
        return data & ~(enabled - 1) | vector;
    }

    private void deliverUnmaskedPending() {
        while (true) {
            long addr;
            int msg;
            synchronized (this) {
                int ready = pendingBits & ~maskBits;
                if ((control & ENABLE) == 0 || ready == 0) {
                    return;
                }
                int vector = Integer.numberOfTrailingZeros(ready);
                pendingBits &= ~(1 << vector);
                addr = address;
                msg = message(vector, enabledVectors());
                sent++;
            }
            sender.signal(addr, msg);
        }
    }

    private static int vectorBits(int vectors) {
        return vectors == 32 ? -1 : (1 << vectors) - 1;
    }
}
