package org.jvmm.hv.emu.impl.vp;

import org.jvmm.hv.api.CpuIo;

/**
 * The partition's way back to the chipset for what the APIC bus needs outside any one port access:
 * the PIC's interrupt acknowledge and EOI broadcasts. The chipset is the {@link CpuIo} most recently
 * passed to a processor's {@code run}; before the first run there is none (no PIC vector, EOIs dropped,
 * which is harmless since no interrupt can have been accepted yet).
 */
public final class ChipsetLink {
    private volatile CpuIo io;

    void attach(CpuIo chipset) {
        io = chipset;
    }

    /** The PIC's INTA: its vector, or -1. */
    public int acknowledgePic() {
        CpuIo c = io;
        return c == null ? -1 : c.acknowledgePicInterrupt();
    }

    /** EOI of a level-triggered vector, for the IOAPIC. */
    public void handleEoi(int vector) {
        CpuIo c = io;
        if (c != null) {
            c.handleEoi(vector);
        }
    }
}
