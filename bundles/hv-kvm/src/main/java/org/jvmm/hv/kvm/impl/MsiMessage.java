package org.jvmm.hv.kvm.impl;

import org.jvmm.hv.api.InterruptRequest;

/**
 * An interrupt request as the x86 MSI KVM_SIGNAL_MSI takes: address {@code 0xFEE0_0000} with the
 * destination in bits 19:12 and the destination mode in bit 2; data with the vector in 7:0, the
 * delivery mode in 10:8, level-assert in 14 and the trigger mode in 15.
 */
record MsiMessage(long address, int data) {
    static final long BASE = 0xFEE0_0000L;
    static final int FIXED = 0, LOWEST_PRIORITY = 1, NMI = 4, INIT = 5, STARTUP = 6, EXTINT = 7;
    static final int ASSERT = 1 << 14;
    static final int LEVEL = 1 << 15;

    static MsiMessage of(InterruptRequest request) {
        return switch (request) {
            case InterruptRequest.Fixed f -> build(f.destination(), f.logical(), FIXED, f.vector(), f.level());
            case InterruptRequest.LowestPriority l ->
                build(l.destination(), l.logical(), LOWEST_PRIORITY, l.vector(), l.level());
            case InterruptRequest.Nmi n -> build(n.destination(), n.logical(), NMI, 0, false);
            case InterruptRequest.ExtInt e -> build(e.destination(), e.logical(), EXTINT, 0, false);
            case InterruptRequest.Init i -> build(i.destination(), i.logical(), INIT, 0, false);
            case InterruptRequest.StartupIpi s -> build(s.destination(), s.logical(), STARTUP, s.vectorPage(), false);
            case InterruptRequest.Msi m -> new MsiMessage(m.address(), m.data());
        };
    }

    private static MsiMessage build(int destination, boolean logical, int mode, int vector, boolean level) {
        long address = BASE | (long) (destination & 0xFF) << 12 | (logical ? 1 << 2 : 0);
        int data = vector & 0xFF | mode << 8 | ASSERT | (level ? LEVEL : 0);
        return new MsiMessage(address, data);
    }

    int deliveryMode() {
        return data >> 8 & 7;
    }

    boolean levelTriggered() {
        return (data & LEVEL) != 0;
    }

    int destination() {
        return (int) (address >> 12) & 0xFF;
    }

    boolean logical() {
        return (address & 1 << 2) != 0;
    }

    int vector() {
        return data & 0xFF;
    }
}
