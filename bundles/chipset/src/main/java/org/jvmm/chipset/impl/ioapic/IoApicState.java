package org.jvmm.chipset.impl.ioapic;

import static org.jvmm.chipset.impl.SavedFields.readInt;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The I/O APIC's saved state: its id, the index register (IOREGSEL), the input levels as the I/O
 * APIC last saw them (one bit per pin) and the redirection table, remote IRR bits included.
 */
record IoApicState(int id, int select, int inputs, long[] table) {

    void write(DataOutputStream out) throws IOException {
        out.writeInt(id);
        out.writeInt(select);
        out.writeInt(inputs);
        out.writeInt(table.length);
        for (long e : table) {
            out.writeLong(e);
        }
    }

    /** Reads a state for an I/O APIC of {@code pins} pins; another pin count is malformed. */
    static IoApicState read(DataInputStream in, int pins) throws IOException {
        int id = readInt(in, "id", 0, 0x0F);
        int select = readInt(in, "IOREGSEL", 0, 0xFF);
        int inputs = in.readInt();
        if (pins < 32 && (inputs >>> pins) != 0) {
            throw new IOException("input levels 0x" + Integer.toHexString(inputs) + " name pins beyond " + (pins - 1));
        }
        int n = in.readInt();
        if (n != pins) {
            throw new IOException("the redirection table has " + n + " entries, this I/O APIC has " + pins + " pins");
        }
        long[] table = new long[n];
        for (int i = 0; i < n; i++) {
            table[i] = in.readLong();
            if ((table[i] & RedirectionEntry.DELIVERY_STATUS) != 0) {
                throw new IOException("redirection entry " + i + " has its delivery status bit set");
            }
        }
        return new IoApicState(id, select, inputs, table);
    }
}
