package org.jvmm.devices.virtio.impl.pci;

import static org.jvmm.devices.virtio.impl.pci.PciLayout.*;

import java.util.ArrayList;
import java.util.List;
import org.jvmm.pci.api.VendorCapability;

/**
 * The virtio_pci_cap vendor capabilities (virtio 1.x 4.1.4) announcing the structures of
 * {@link PciLayout}: common, notify (with notify_off_multiplier), ISR, device configuration (only
 * when the device has a config space: Linux refuses a zero-length one) and the PCI configuration
 * access window. Layout of each: cfg_type at byte 3, bar at 4, id at 5, offset at 8, length at 12.
 */
final class VirtioCapabilities {
    static final int CAP_LENGTH = 16;
    static final int NOTIFY_CAP_LENGTH = 20;
    static final int PCI_CFG_CAP_LENGTH = 20;
    /** Offsets inside a virtio_pci_cap. */
    static final int CFG_TYPE = 3;
    static final int BAR_FIELD = 4;
    static final int OFFSET_FIELD = 8;
    static final int LENGTH_FIELD = 12;
    /** notify_off_multiplier in the notify capability, pci_cfg_data in the access window. */
    static final int EXTRA_FIELD = 16;

    private VirtioCapabilities() {
    }

    /** The capabilities of a device with {@code configSize} bytes of config space and {@code queues} queues. */
    static List<VendorCapability> build(int configSize, int queues, ConfigWindow window) {
        List<VendorCapability> caps = new ArrayList<>();
        caps.add(structure("virtio-common", CAP_COMMON, COMMON, COMMON_SIZE).build());
        caps.add(structure("virtio-notify", CAP_NOTIFY, NOTIFY, 4 * queues, NOTIFY_CAP_LENGTH)
                .dword(EXTRA_FIELD, NOTIFY_MULTIPLIER).build());
        caps.add(structure("virtio-isr", CAP_ISR, ISR, ISR_SIZE).build());
        if (configSize > 0) {
            caps.add(structure("virtio-device", CAP_DEVICE, DEVICE, configSize).build());
        }
        caps.add(VendorCapability.builder(PCI_CFG_CAP_LENGTH).name("virtio-pci-cfg").byteAt(CFG_TYPE, CAP_PCI_CFG)
                .writable(BAR_FIELD, 1).writable(OFFSET_FIELD, 12)
                .onRead(window::read).onWrite(window::written).build());
        return caps;
    }

    private static VendorCapability.Builder structure(String name, int type, int offset, int length) {
        return structure(name, type, offset, length, CAP_LENGTH);
    }

    private static VendorCapability.Builder structure(String name, int type, int offset, int length, int capLength) {
        return VendorCapability.builder(capLength).name(name).byteAt(CFG_TYPE, type).byteAt(BAR_FIELD, BAR)
                .dword(OFFSET_FIELD, offset).dword(LENGTH_FIELD, length);
    }
}
