package org.jvmm.hv.emu.impl.apic;

/**
 * What the local APICs offer; must agree with the CPUID the CPU reports (x2APIC: leaf 1 ECX bit 21,
 * TSC-deadline: leaf 1 ECX bit 24, physical address bits: leaf 0x80000008 EAX 7:0).
 */
public record ApicFeatures(boolean x2apic, boolean tscDeadline, int physicalAddressBits) {
    /** x2APIC and TSC-deadline on, 40 physical address bits (QEMU's qemu64). */
    public static final ApicFeatures DEFAULT = new ApicFeatures(true, true, 40);

    public ApicFeatures {
        if (physicalAddressBits < 32 || physicalAddressBits > 52) {
            throw new IllegalArgumentException("physicalAddressBits: must be 32..52, got " + physicalAddressBits);
        }
    }
}
