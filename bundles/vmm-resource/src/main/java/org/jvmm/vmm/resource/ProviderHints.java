package org.jvmm.vmm.resource;

import java.util.Map;
import java.util.Optional;

/**
 * Which jvmm bundle folder provides a {@code kind:id}, for "install or start bundle ..."
 * hints in missing-resolver errors. {@code kind:*} entries cover every id of a kind.
 */
public final class ProviderHints {
    private static final Map<String, String> TABLE = Map.ofEntries(
            Map.entry("hypervisor:emu", "hv-emu"),
            Map.entry("hypervisor:kvm", "hv-kvm"),
            Map.entry("hypervisor:whp", "hv-whp"),
            Map.entry("disk_handle:file", "storage-disk"),
            Map.entry("disk_handle:ram", "storage-disk"),
            Map.entry("disk_handle:sqlite", "storage-disk"),
            Map.entry("disk_handle:layered", "storage-disk"),
            Map.entry("disk_handle:crypt", "storage-disk"),
            Map.entry("disk_handle:delay", "storage-disk"),
            Map.entry("disk_handle:blob", "storage-disk"),
            Map.entry("disk_layer_handle:*", "storage-disk"),
            Map.entry("pci_device_handle:nvme", "storage-nvme"),
            Map.entry("virtio:*", "devices-virtio"),
            Map.entry("net_endpoint_handle:consomme", "net-consomme"),
            Map.entry("net_endpoint_handle:tap", "net-tap"),
            Map.entry("net_endpoint_handle:null", "net-backend"),
            Map.entry("net_endpoint_handle:loopback", "net-backend"),
            Map.entry("pci_device_handle:virtio_pci", "devices-virtio"),
            Map.entry("chipset_device_handle:virtio_mmio", "devices-virtio"),
            Map.entry("chipset_device_handle:pcie_root_complex", "pci"),
            Map.entry("chipset_device_handle:*", "chipset"),
            Map.entry("serial_handle:*", "chipset"),
            Map.entry("load_mode:linux", "loader-linux"),
            Map.entry("load_mode:uefi", "firmware-uefi"),
            Map.entry("nvstore:*", "firmware-uefi"));

    private ProviderHints() {
    }

    /** The bundle folder that provides {@code kind:id}, trying the exact entry, then {@code kind:*}. */
    public static Optional<String> bundleFor(String kind, String id) {
        String exact = TABLE.get(kind + ":" + id);
        return Optional.ofNullable(exact != null ? exact : TABLE.get(kind + ":*"));
    }

    /** {@link #bundleFor} or null, the form {@link ResolveException#missing} takes. */
    public static String hintOrNull(String kind, String id) {
        return bundleFor(kind, id).orElse(null);
    }
}
