package org.jvmm.hv.kvm.impl.ffm;

/** A GSI routed to an MSI (a {@code KVM_IRQ_ROUTING_MSI} entry). */
public record MsiRoute(int gsi, long address, int data) {
}
