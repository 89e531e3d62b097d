package org.jvmm.hv.kvm.impl.vp;

import org.jvmm.hv.api.CpuIo;

/**
 * The legacy PIC's INTR output as the vCPUs see it. With the split irqchip the PIC lives in the
 * chipset: a vCPU whose local APIC accepts ExtINT (LINT0 in virtual-wire mode, or an ExtINT request)
 * asks the chipset for the vector when KVM says it can take an interrupt, and queues it with
 * KVM_INTERRUPT. One acknowledge at a time across the vCPUs.
 */
public final class PicLink {
    private volatile boolean asserted;
    private long acknowledged;

    public boolean asserted() {
        return asserted;
    }

    /** Returns true when the output went from low to high (the vCPUs need a kick). */
    public boolean set(boolean high) {
        boolean was = asserted;
        asserted = high;
        return high && !was;
    }

    /** The chipset's vector for an accepted ExtINT, or -1. */
    synchronized int acknowledge(CpuIo io) {
        acknowledged++;
        return io.acknowledgePicInterrupt();
    }

    public synchronized long acknowledged() {
        return acknowledged;
    }
}
