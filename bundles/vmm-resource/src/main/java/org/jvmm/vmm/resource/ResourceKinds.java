package org.jvmm.vmm.resource;

import java.util.List;

/** OpenVMM's resource kind names: what a handle of that kind resolves to. */
public final class ResourceKinds {
    /** A hypervisor backend (emu, kvm, whp). */
    public static final String HYPERVISOR = "hypervisor";
    /** A legacy chipset device on port I/O or MMIO (serial_16550, pic, pit, rtc, ...). */
    public static final String CHIPSET_DEVICE_HANDLE = "chipset_device_handle";
    /** A PCI(e) function (nvme, ...). */
    public static final String PCI_DEVICE_HANDLE = "pci_device_handle";
    /** A virtio device (virtio-blk, virtio-net, ...), independent of its transport. */
    public static final String VIRTIO = "virtio";
    /** A block device backend. */
    public static final String DISK_HANDLE = "disk_handle";
    /** One layer of a layered disk. */
    public static final String DISK_LAYER_HANDLE = "disk_layer_handle";
    /** A network backend (consomme, tap, null). */
    public static final String NET_ENDPOINT_HANDLE = "net_endpoint_handle";
    /** A serial port backend (console, stderr, file, tcp, none). */
    public static final String SERIAL_HANDLE = "serial_handle";
    /** How the guest is loaded (linux, uefi, none). */
    public static final String LOAD_MODE = "load_mode";
    /** A non-volatile store (UEFI variables). */
    public static final String NVSTORE = "nvstore";
    /** A framebuffer. */
    public static final String FRAMEBUFFER = "framebuffer";

    private static final List<String> ALL = List.of(HYPERVISOR, CHIPSET_DEVICE_HANDLE, PCI_DEVICE_HANDLE,
            VIRTIO, DISK_HANDLE, DISK_LAYER_HANDLE, NET_ENDPOINT_HANDLE, SERIAL_HANDLE, LOAD_MODE,
            NVSTORE, FRAMEBUFFER);

    private ResourceKinds() {
    }

    /** Every kind above, in declaration order. */
    public static List<String> all() {
        return ALL;
    }
}
