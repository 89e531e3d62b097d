package org.jvmm.vm.worker;

import org.jvmm.vm.config.VmConfig;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Builds VMs. Resolution order: hypervisor, guest memory and partition, chipset devices
 * (serial ports first, then {@code chipsetDevices}), PCI devices, virtio devices, disks, NICs and
 * last the load mode, whose {@link org.jvmm.vm.worker.spi.BootLoader} loads the guest.
 */
@ProviderType
public interface VmWorker {
    /** Service property of every {@link VmControl} service: the VM's name ({@code vm1}, ...). */
    String VM_NAME_PROPERTY = "vm.name";

    /**
     * Builds the VM described by {@code config}. The VM is left in {@link VmState#CREATED}; call
     * {@link VmControl#start()} to run it.
     *
     * @throws VmLaunchException naming the resource or part that failed; everything built so far
     *                           is released
     */
    VmControl launch(VmConfig config) throws VmLaunchException;
}
