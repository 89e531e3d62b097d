package org.jvmm.hv.emu.impl.cpu;

/**
 * Where external interrupts come from (the local APIC, or the PIC's INTR line). The CPU polls it at
 * instruction boundaries only after {@link Cpu#kick()} said something changed, and keeps polling while
 * a maskable vector stays pending with interrupts disabled.
 */
public interface InterruptSource {

    /** The maskable vector the CPU should take next, or -1 when none is pending. */
    int pendingVector();

    /** The CPU accepted {@code vector} (interrupt acknowledge); it is being delivered now. */
    void acknowledge(int vector);

    /** True when an NMI is pending. */
    boolean nmiPending();

    /** The CPU accepted the pending NMI. */
    void acknowledgeNmi();

    /** A source that never interrupts. */
    InterruptSource NONE = new InterruptSource() {
        @Override
        public int pendingVector() {
            return -1;
        }

        @Override
        public void acknowledge(int vector) {
        }

        @Override
        public boolean nmiPending() {
            return false;
        }

        @Override
        public void acknowledgeNmi() {
        }
    };
}
