package org.jvmm.vm.worker.impl.fake;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** Handle records the test resolvers register, as provider bundles would. */
public final class TestHandles {
    private TestHandles() {
    }

    @HandleType(kind = "hypervisor", id = "kvm")
    public record Kvm() implements ResourceHandle {
    }

    @HandleType(kind = "hypervisor", id = "emu")
    public record Emu() implements ResourceHandle {
    }

    @HandleType(kind = "hypervisor", id = "zeta")
    public record Zeta() implements ResourceHandle {
    }

    /** A device {@code name} on {@code port}: value 1 powers off, 2 resets, anything else is recorded. */
    @HandleType(kind = "chipset_device_handle", id = "test_power")
    public record Power(String name, int port) implements ResourceHandle {
    }

    /** The serial-port contract of the worker: name, port, irq and backend. */
    @HandleType(kind = "chipset_device_handle", id = "serial_16550")
    public record Serial(String name, int port, int irq, ResourceHandle backend) implements ResourceHandle {
    }

    @HandleType(kind = "disk_handle", id = "ram")
    public record RamDisk(long size) implements ResourceHandle {
    }

    @HandleType(kind = "chipset_device_handle", id = "test_pci_host")
    public record PciHost() implements ResourceHandle {
    }

    /** A virtio device over a disk, as virtio-blk is. */
    @HandleType(kind = "virtio", id = "test_blk")
    public record Blk(ResourceHandle disk) implements ResourceHandle {
    }

    /** A handle with a list of sub-handles, as a layered disk has. */
    @HandleType(kind = "disk_handle", id = "test_layered")
    public record Layered(java.util.List<ResourceHandle> layers, boolean readOnly) implements ResourceHandle {
    }

    /** A device with a saved counter (live-update tests): the first revision's handle type. */
    @HandleType(kind = "chipset_device_handle", id = "test_counter")
    public record Counter(String name, int port) implements ResourceHandle {
    }

    /** The same kind:id from an updated "bundle": another class, as a new bundle revision's is. */
    @HandleType(kind = "chipset_device_handle", id = "test_counter")
    public record CounterV2(String name, int port) implements ResourceHandle {
    }

    /** A plugin device whose resolver never returns (faulty-plugin tests). */
    @HandleType(kind = "pci_device_handle", id = "test_hang")
    public record Hang() implements ResourceHandle {
    }

    /** A plugin device whose resolver throws (faulty-plugin tests). */
    @HandleType(kind = "pci_device_handle", id = "test_throw")
    public record Throw() implements ResourceHandle {
    }

    /** A plugin device whose port handler throws (faulty-plugin tests). */
    @HandleType(kind = "pci_device_handle", id = "test_faulty")
    public record Faulty(int port) implements ResourceHandle {
    }
}
