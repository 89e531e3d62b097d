package org.jvmm.hv.kvm.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The Linux KVM backend ({@code hypervisor:kvm}): guest code runs on the host CPU through /dev/kvm.
 * It has no options; the CPU model and the processor count come from the partition config.
 */
@HandleType(kind = "hypervisor", id = "kvm")
public record KvmHypervisorHandle() implements ResourceHandle {
}
