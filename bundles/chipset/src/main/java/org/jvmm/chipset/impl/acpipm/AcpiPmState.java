package org.jvmm.chipset.impl.acpipm;

import static org.jvmm.chipset.impl.SavedFields.readInt;
import static org.jvmm.chipset.impl.SavedFields.readLong;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * The ACPI PM block's saved state: PM1 status, enable and control, GPE0 status and enable, the
 * reset control register, and the PM timer as the VM time elapsed since its origin (a restored
 * timer continues from there against the new VM clock) with the timer's top bits last seen.
 */
record AcpiPmState(long timerElapsedNanos, long lastTimerMsbs, int pm1Status, int pm1Enable, int pm1Control,
        int gpeStatus, int gpeEnable, int resetControl) {

    void write(DataOutputStream out) throws IOException {
        out.writeLong(timerElapsedNanos);
        out.writeLong(lastTimerMsbs);
        for (int v : new int[] {pm1Status, pm1Enable, pm1Control, gpeStatus, gpeEnable, resetControl}) {
            out.writeInt(v);
        }
    }

    static AcpiPmState read(DataInputStream in) throws IOException {
        long elapsed = readLong(in, "PM timer elapsed time", 0, Long.MAX_VALUE);
        long msbs = readLong(in, "PM timer top bits", 0, Long.MAX_VALUE);
        int status = readInt(in, "PM1 status", 0, 0xFFFF);
        int enable = readInt(in, "PM1 enable", 0, 0xFFFF);
        if ((enable & ~AcpiPm.PM1_ENABLE_BITS) != 0) {
            throw new IOException("PM1 enable 0x" + Integer.toHexString(enable) + " sets bits that do not exist");
        }
        int control = readInt(in, "PM1 control", 0, 0xFFFF);
        if ((control & AcpiPm.SCI_EN) == 0 || (control & AcpiPm.SLP_EN) != 0) {
            throw new IOException("PM1 control 0x" + Integer.toHexString(control) + " has SCI_EN clear or SLP_EN set");
        }
        int gpeStatus = in.readInt();
        int gpeEnable = in.readInt();
        int resetControl = readInt(in, "reset control", 0, 0x0A);
        return new AcpiPmState(elapsed, msbs, status, enable, control, gpeStatus, gpeEnable, resetControl);
    }
}
