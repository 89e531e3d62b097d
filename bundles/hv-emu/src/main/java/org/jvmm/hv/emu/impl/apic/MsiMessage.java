package org.jvmm.hv.emu.impl.apic;

/**
 * An x86 MSI decoded: address 0xFEEx_xxxx with the destination ID in bits 19:12 and the destination
 * mode in bit 2 (1 = logical); data with the vector in bits 7:0, the delivery mode in 10:8 and the
 * trigger mode in bit 15 (1 = level). The redirection hint (address bit 3) and the level-assert bit
 * (data bit 14) are not used: lowest priority always arbitrates, and every message is an assertion.
 */
record MsiMessage(int destination, boolean logical, int deliveryMode, int vector, boolean level) {
    static final long INTERRUPT_WINDOW = 0xFEE0_0000L;

    /** The message, or null when the address is outside the 0xFEE00000 interrupt window. */
    static MsiMessage decode(long address, int data) {
        if ((address & ~0xF_FFFFL) != INTERRUPT_WINDOW) {
            return null;
        }
        return new MsiMessage((int) (address >>> 12) & 0xFF, (address & 4) != 0, ApicRegs.deliveryMode(data),
                data & 0xFF, (data & 0x8000) != 0);
    }
}
