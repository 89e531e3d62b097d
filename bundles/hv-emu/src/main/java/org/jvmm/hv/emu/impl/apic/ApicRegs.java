package org.jvmm.hv.emu.impl.apic;

/**
 * Local APIC register offsets (xAPIC MMIO; the x2APIC MSR is {@code 0x800 + offset / 16}) and the
 * bit fields of the LVT and ICR registers, as in the Intel SDM volume 3, chapter "APIC".
 */
final class ApicRegs {
    static final int ID = 0x20, VERSION = 0x30, TPR = 0x80, APR = 0x90, PPR = 0xA0, EOI = 0xB0, RRD = 0xC0,
            LDR = 0xD0, DFR = 0xE0, SVR = 0xF0, ISR = 0x100, TMR = 0x180, IRR = 0x200, ESR = 0x280,
            LVT_CMCI = 0x2F0, ICR_LOW = 0x300, ICR_HIGH = 0x310, LVT_TIMER = 0x320, LVT_THERMAL = 0x330,
            LVT_PERF = 0x340, LVT_LINT0 = 0x350, LVT_LINT1 = 0x360, LVT_ERROR = 0x370, TIMER_INITIAL = 0x380,
            TIMER_CURRENT = 0x390, TIMER_DIVIDE = 0x3E0, SELF_IPI = 0x3F0;

    /** Version 0x14 (integrated APIC), max LVT entry 5 (six LVTs: no CMCI), no directed EOI. */
    static final int VERSION_VALUE = 0x0005_0014;

    // LVT indices, in register order from LVT_TIMER.
    static final int LVT_COUNT = 6;
    static final int L_TIMER = 0, L_THERMAL = 1, L_PERF = 2, L_LINT0 = 3, L_LINT1 = 4, L_ERROR = 5;
    static final String[] LVT_NAMES = {"timer", "thermal", "perf", "lint0", "lint1", "error"};

    // LVT and ICR bits.
    static final int VECTOR = 0xFF;
    static final int DELIVERY_MODE = 0x700;
    static final int DELIVERY_STATUS = 1 << 12;
    static final int POLARITY = 1 << 13;
    static final int REMOTE_IRR = 1 << 14;
    static final int LEVEL_TRIGGER = 1 << 15;
    static final int MASKED = 1 << 16;
    static final int TIMER_MODE = 3 << 17;

    // Delivery modes (bits 10:8).
    static final int DM_FIXED = 0, DM_LOWEST = 1, DM_SMI = 2, DM_NMI = 4, DM_INIT = 5, DM_STARTUP = 6, DM_EXTINT = 7;

    // ICR fields beyond the LVT ones.
    static final int ICR_LOGICAL = 1 << 11;
    static final int ICR_ASSERT = 1 << 14;
    static final int ICR_SHORTHAND_SHIFT = 18;
    static final int SH_NONE = 0, SH_SELF = 1, SH_ALL = 2, SH_OTHERS = 3;
    /** Writable ICR low bits (vector, delivery mode, destination mode, level, trigger, shorthand). */
    static final int ICR_WRITABLE = 0x000C_CFFF;

    // SVR bits.
    static final int SVR_ENABLE = 1 << 8;
    static final int SVR_WRITABLE = 0x3FF;

    // ESR bits.
    static final int ESR_SEND_ILLEGAL = 1 << 5, ESR_RECEIVE_ILLEGAL = 1 << 6;

    /** Bits of each LVT that software may set (the read-only status bits are not included). */
    static final int[] LVT_WRITABLE = {
        VECTOR | MASKED | TIMER_MODE,
        VECTOR | DELIVERY_MODE | MASKED,
        VECTOR | DELIVERY_MODE | MASKED,
        VECTOR | DELIVERY_MODE | POLARITY | LEVEL_TRIGGER | MASKED,
        VECTOR | DELIVERY_MODE | POLARITY | LEVEL_TRIGGER | MASKED,
        VECTOR | MASKED,
    };

    /** Read-only LVT bits a guest may write back unchanged (x2APIC does not fault on them). */
    static final int LVT_READ_ONLY = DELIVERY_STATUS | REMOTE_IRR;

    // MSRs.
    static final int MSR_APIC_BASE = 0x1B;
    static final int MSR_TSC_DEADLINE = 0x6E0;
    static final int MSR_X2APIC_FIRST = 0x800, MSR_X2APIC_LAST = 0x8FF;
    static final int MSR_X2APIC_ICR = 0x830;

    // IA32_APIC_BASE bits.
    static final long BASE_BSP = 1L << 8, BASE_EXTD = 1L << 10, BASE_ENABLE = 1L << 11;
    static final long BASE_DEFAULT = 0xFEE0_0000L;
    static final long BASE_ADDRESS_MASK = ~0xFFFL;

    private ApicRegs() {
    }

    static int deliveryMode(int value) {
        return (value >>> 8) & 7;
    }
}
