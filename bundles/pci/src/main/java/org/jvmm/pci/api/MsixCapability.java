package org.jvmm.pci.api;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.inspect.InspectNode;

/**
 * The MSI-X capability (id 0x11) and the table and pending-bit array it describes, which live in
 * memory BARs of the function. Table entries are 16 bytes (address low, address high, data,
 * vector control with the mask bit); all start masked. A message for a masked vector, or while
 * the function mask is set, is held pending and sent on unmask. Table and PBA take dword and
 * aligned qword accesses; the PBA is read-only.
 */
public final class MsixCapability implements PciCapability {
    private static final int ENABLE = 1 << 15;
    private static final int FUNCTION_MASK = 1 << 14;
    private static final int ENTRY = 16;

    private final int vectors;
    private final int tableBar;
    private final long tableOffset;
    private final int pbaBar;
    private final long pbaOffset;
    private final MsiSink sender;
    private final int[] table;
    private final long[] pending;
    private int control;
    private long sent;
    private long dropped;

    /**
     * @param vectors     1..2048 table entries
     * @param tableBar    BAR index holding the table
     * @param tableOffset table offset in that BAR, 8-byte aligned
     * @param pbaBar      BAR index holding the pending-bit array
     * @param pbaOffset   PBA offset in that BAR, 8-byte aligned
     * @param sender      where messages go
     */
    public MsixCapability(int vectors, int tableBar, long tableOffset, int pbaBar, long pbaOffset, MsiSink sender) {
        if (vectors < 1 || vectors > 2048) {
            throw new IllegalArgumentException("msi-x: vectors must be 1..2048, got " + vectors);
        }
        checkPlacement("table", tableBar, tableOffset);
        checkPlacement("pba", pbaBar, pbaOffset);
        this.vectors = vectors;
        this.tableBar = tableBar;
        this.tableOffset = tableOffset;
        this.pbaBar = pbaBar;
        this.pbaOffset = pbaOffset;
        this.sender = sender;
        this.table = new int[vectors * 4];
        this.pending = new long[(vectors + 63) / 64];
        reset();
    }

    @Override
    public int id() {
        return PciRegisters.CAP_MSIX;
    }

    @Override
    public int length() {
        return 12;
    }

    @Override
    public String name() {
        return "msix";
    }

    public int vectors() {
        return vectors;
    }

    public int tableBar() {
        return tableBar;
    }

    public long tableOffset() {
        return tableOffset;
    }

    /** Bytes of the table: 16 per vector. */
    public long tableSize() {
        return (long) vectors * ENTRY;
    }

    public int pbaBar() {
        return pbaBar;
    }

    public long pbaOffset() {
        return pbaOffset;
    }

    /** Bytes of the pending-bit array: a qword per 64 vectors. */
    public long pbaSize() {
        return pending.length * 8L;
    }

    @Override
    public synchronized int read(int offset) {
        return switch (offset) {
            case 0 -> (control | vectors - 1) << 16;
            case 4 -> (int) tableOffset | tableBar;
            case 8 -> (int) pbaOffset | pbaBar;
            default -> 0;
        };
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        if (offset != 0) {
            return;
        }
        synchronized (this) {
            int v = PciRegisters.merge(control << 16, value, byteEnables) >>> 16;
            control = v & (ENABLE | FUNCTION_MASK);
        }
        deliverUnmaskedPending();
    }

    /** Reads the table at {@code offset} from its start: dword, or qword at 8-byte alignment. */
    public IoResult tableRead(long offset, int size, IoValue out) {
        IoResult check = checkAccess(offset, size, tableSize());
        if (check != IoResult.OK) {
            return check;
        }
        int i = (int) (offset >>> 2);
        synchronized (this) {
            long v = table[i] & 0xFFFF_FFFFL;
            if (size == 8) {
                v |= (long) table[i + 1] << 32;
            }
            out.set(v);
        }
        return IoResult.OK;
    }

    public IoResult tableWrite(long offset, int size, long value) {
        IoResult check = checkAccess(offset, size, tableSize());
        if (check != IoResult.OK) {
            return check;
        }
        int i = (int) (offset >>> 2);
        synchronized (this) {
            storeTableDword(i, (int) value);
            if (size == 8) {
                storeTableDword(i + 1, (int) (value >>> 32));
            }
        }
        deliverUnmaskedPending();
        return IoResult.OK;
    }

    /** Reads the PBA at {@code offset} from its start. */
    public IoResult pbaRead(long offset, int size, IoValue out) {
        IoResult check = checkAccess(offset, size, pbaSize());
        if (check != IoResult.OK) {
            return check;
        }
        synchronized (this) {
            long q = pending[(int) (offset >>> 3)];
            out.set(size == 8 ? q : (offset & 4) == 0 ? q & 0xFFFF_FFFFL : q >>> 32);
        }
        return IoResult.OK;
    }

    /** Writes to the PBA are ignored (it is read-only), but the access is checked. */
    public IoResult pbaWrite(long offset, int size, long value) {
        return checkAccess(offset, size, pbaSize());
    }

    /**
     * Signals {@code vector}. Returns false when MSI-X is disabled (the caller may use another
     * mechanism); a vector beyond the table is dropped.
     */
    public boolean signal(int vector) {
        long addr;
        int data;
        synchronized (this) {
            if ((control & ENABLE) == 0) {
                return false;
            }
            if (vector < 0 || vector >= vectors) {
                dropped++;
                return true;
            }
            if ((control & FUNCTION_MASK) != 0 || vectorMaskedLocked(vector)) {
                pending[vector >>> 6] |= 1L << vector;
                return true;
            }
            addr = address(vector);
            data = table[vector * 4 + 2];
            sent++;
        }
        sender.signal(addr, data);
        return true;
    }

    public synchronized boolean enabled() {
        return (control & ENABLE) != 0;
    }

    public synchronized boolean functionMasked() {
        return (control & FUNCTION_MASK) != 0;
    }

    public synchronized boolean vectorMasked(int vector) {
        return vectorMaskedLocked(vector);
    }

    public synchronized boolean pending(int vector) {
        return (pending[vector >>> 6] & 1L << vector) != 0;
    }

    @Override
    public synchronized void reset() {
        control = 0;
        java.util.Arrays.fill(table, 0);
        java.util.Arrays.fill(pending, 0);
        for (int v = 0; v < vectors; v++) {
            table[v * 4 + 3] = 1;
        }
    }

    /** Control (enable, function mask), the vector count, every table entry and the pending bits. */
    @Override
    public synchronized void saveState(DataOutputStream out) throws IOException {
        out.writeInt(control);
        out.writeShort(vectors);
        for (int dword : table) {
            out.writeInt(dword);
        }
        for (long bits : pending) {
            out.writeLong(bits);
        }
    }

    @Override
    public synchronized void restoreState(DataInputStream in) throws IOException {
        int c = in.readInt();
        int n = in.readUnsignedShort();
        if (n != vectors) {
            throw new IOException("msi-x: the saved table has " + n + " vectors, this one " + vectors);
        }
        int[] t = new int[table.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = in.readInt();
        }
        long[] p = new long[pending.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = in.readLong();
        }
        control = c & (ENABLE | FUNCTION_MASK);
        for (int i = 0; i < t.length; i++) {
            storeTableDword(i, t[i]);
        }
        for (int i = 0; i < p.length; i++) {
            int valid = Math.min(64, vectors - 64 * i);
            pending[i] = valid == 64 ? p[i] : p[i] & (1L << valid) - 1;
        }
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.field("enabled", (control & ENABLE) != 0).field("functionMask", (control & FUNCTION_MASK) != 0)
                .field("vectors", vectors).field("table", "BAR" + tableBar + String.format("+0x%x", tableOffset))
                .field("pba", "BAR" + pbaBar + String.format("+0x%x", pbaOffset))
                .field("sent", sent).field("dropped", dropped);
        InspectNode entries = node.child("entries");
        for (int v = 0; v < vectors; v++) {
            if (!vectorMaskedLocked(v) || (pending[v >>> 6] & 1L << v) != 0) {
                entries.field(Integer.toString(v), String.format("address=0x%x data=0x%x%s%s", address(v),
                        table[v * 4 + 2], vectorMaskedLocked(v) ? " masked" : "",
                        (pending[v >>> 6] & 1L << v) != 0 ? " pending" : ""));
            }
        }
    }

    private void storeTableDword(int i, int value) {
        switch (i & 3) {
            case 0 -> table[i] = value & ~3;
            case 3 -> table[i] = value & 1;
            default -> table[i] = value;
        }
    }

    private boolean vectorMaskedLocked(int vector) {
        return (table[vector * 4 + 3] & 1) != 0;
    }

    private long address(int vector) {
        return table[vector * 4] & 0xFFFF_FFFFL | (long) table[vector * 4 + 1] << 32;
    }

    private void deliverUnmaskedPending() {
        while (true) {
            long addr;
            int data;
            synchronized (this) {
                int vector = nextDeliverable();
                if (vector < 0) {
                    return;
                }
                pending[vector >>> 6] &= ~(1L << vector);
                addr = address(vector);
                data = table[vector * 4 + 2];
                sent++;
            }
            sender.signal(addr, data);
        }
    }

    private int nextDeliverable() {
        if ((control & ENABLE) == 0 || (control & FUNCTION_MASK) != 0) {
            return -1;
        }
        for (int q = 0; q < pending.length; q++) {
            long bits = pending[q];
            while (bits != 0) {
                int vector = q * 64 + Long.numberOfTrailingZeros(bits);
                if (!vectorMaskedLocked(vector)) {
                    return vector;
                }
                bits &= bits - 1;
            }
        }
        return -1;
    }

    private static IoResult checkAccess(long offset, int size, long length) {
        if (size != 4 && size != 8) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if (offset < 0 || offset > length - size) {
            return IoResult.INVALID_REGISTER;
        }
        return (offset & size - 1) == 0 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    private static void checkPlacement(String what, int bar, long offset) {
        if (bar < 0 || bar > 5) {
            throw new IllegalArgumentException("msi-x: " + what + " BAR must be 0..5, got " + bar);
        }
        if (offset < 0 || offset > 0xFFFF_FFF8L || (offset & 7) != 0) {
            throw new IllegalArgumentException("msi-x: " + what + " offset must be 8-byte aligned and below 4 GiB,"
                    + " got 0x" + Long.toHexString(offset));
        }
    }
}
