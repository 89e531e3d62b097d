/**
 * The {@code hypervisor:kvm} backend: {@link org.jvmm.hv.kvm.impl.KvmHypervisorResolver} (DS
 * component) gives a {@link org.jvmm.hv.kvm.impl.KvmHypervisor}; its probe ({@code HostProbe}) wants
 * /dev/kvm and a CPU with vmx or svm. A {@link org.jvmm.hv.kvm.impl.KvmPartition} maps guest RAM into
 * memory slots around the MMIO hole, uses KVM's split irqchip (local APICs in the kernel, so HLT sleeps
 * there; PIC and IOAPIC stay in the chipset, EOIs of level-triggered vectors come back as exits), and
 * gives each vCPU the CPUID of the VM's model. {@code impl.vp} is one vCPU: its run loop, register
 * cache, kick (immediate_exit plus a signal) and power-on state; {@code impl.ffm} all native code.
 */
package org.jvmm.hv.kvm.impl;
