package org.jvmm.chipset.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A chipset interrupt controller (the 8259 PIC pair or an IOAPIC) that receives the VM's interrupt
 * lines. The chipset routes global system interrupts to it: GSI 0..15 to the PIC's pins, and GSI n
 * to IOAPIC pin n (with the ISA override of IRQ 0 to pin 2).
 */
@ConsumerType
public interface InterruptController {
    enum Kind { PIC, IOAPIC }

    Kind kind();

    /** Number of input pins. */
    int pins();

    void setInput(int pin, boolean high);

    /** PIC only: the vector for an accepted ExtINT interrupt, or -1 when none is pending. */
    default int acknowledge() {
        return -1;
    }

    /** IOAPIC only: a local APIC EOI for {@code vector}, to re-arm level-triggered inputs. */
    default void endOfInterrupt(int vector) {
    }
}
