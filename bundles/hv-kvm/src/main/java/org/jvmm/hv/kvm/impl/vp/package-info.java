/**
 * One KVM vCPU: {@link org.jvmm.hv.kvm.impl.vp.KvmVp} (the hv-api processor), its run loop, the
 * register cache that writes kvm_regs/kvm_sregs back before the next KVM_RUN, the kick that gets it
 * out of KVM_RUN, and the power-on state a reset restores.
 */
package org.jvmm.hv.kvm.impl.vp;
