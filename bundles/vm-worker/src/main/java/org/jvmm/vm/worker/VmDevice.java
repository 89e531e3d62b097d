package org.jvmm.vm.worker;

import java.util.Locale;
import java.util.Objects;

/**
 * One resolved resource of a VM's device graph, as {@code vm:devices} lists it: a device the VM
 * attached (a chipset device, a virtio-mmio transport, a PCI function) or a sub-resource it pulled
 * (its virtio device, its disk).
 *
 * @param path         where the handle sits in the config ({@code virtioDevices[0].device.disk}),
 *                     or {@code hotplug[PORT]} for a device hot-added at run time
 * @param key          the handle's {@code kind:id}
 * @param bundle       the symbolic name of the bundle whose resolver produced it
 * @param place        where the device sits: {@code port rp0}, {@code root bus}, {@code chipset},
 *                     {@code mmio}; a sub-resource has its device's place
 * @param hotPluggable whether the device can leave while the guest runs (a PCI function behind a
 *                     PCIe port with native hot-plug)
 * @param state        its state
 * @param note         why it is not active, or ""
 */
public record VmDevice(String path, String key, String bundle, String place, boolean hotPluggable, State state,
        String note) {

    public VmDevice {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(bundle, "bundle");
        Objects.requireNonNull(place, "place");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(note, "note");
    }

    /** What became of a device whose provider went away. */
    public enum State {
        /** Resolved and attached. */
        ACTIVE,
        /** Its provider went away; the guest is releasing it (PCIe attention button). */
        REMOVING,
        /** Hot-removed because its provider went away; it is added again when the provider returns. */
        REMOVED,
        /** Its provider went away and it cannot be unplugged: the VM is paused until the provider returns. */
        WAITING_FOR_PROVIDER;

        /** {@code active}, {@code removing}, {@code removed}, {@code waiting-for-provider}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }
}
