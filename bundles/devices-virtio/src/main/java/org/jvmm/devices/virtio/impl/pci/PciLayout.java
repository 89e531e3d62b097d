package org.jvmm.devices.virtio.impl.pci;

import org.jvmm.devices.virtio.api.VirtioDeviceIds;
import org.jvmm.pci.api.PciIdentity;

/**
 * Where things are in a modern virtio-pci function (virtio 1.x section 4.1): its ids and the layout
 * of its one memory BAR. Every structure starts on its own 4 KiB page, so that the MSI-X table and
 * PBA share no page with other registers (PCI MSI-X rule) and a hypervisor can trap each separately.
 *
 * <pre>
 * BAR 4 (64-bit, prefetchable, 32 KiB, as QEMU's modern BAR)
 *   0x0000  common configuration   0x40 bytes (virtio 1.2 layout incl. queue_reset, admin fields)
 *   0x1000  ISR status             4 bytes (byte 0 is the register, read-to-clear)
 *   0x2000  device configuration   configSize bytes (no capability when the device has none)
 *   0x3000  notifications          4 bytes per queue: queue q at 0x3000 + 4 * q
 *   0x4000  MSI-X table            16 bytes per vector: vector 0 config, 1 + q per queue
 *   0x5000  MSI-X PBA
 * </pre>
 */
final class PciLayout {
    static final int VENDOR = 0x1AF4;
    /** Modern (non-transitional) device ids are 0x1040 + the virtio device id. */
    static final int DEVICE_BASE = 0x1040;
    static final int REVISION = 1;
    /** QEMU's subsystem id for modern virtio functions (the one virtio-win drivers match). */
    static final int SUBSYSTEM = 0x1100;

    static final int BAR = 4;
    static final long BAR_SIZE = 0x8000;
    static final int COMMON = 0x0000;
    static final int COMMON_SIZE = 0x40;
    static final int ISR = 0x1000;
    static final int ISR_SIZE = 4;
    static final int DEVICE = 0x2000;
    static final int DEVICE_MAX = 0x1000;
    static final int NOTIFY = 0x3000;
    /**
     * notify_off_multiplier: each queue has its own 4-byte doorbell (queue_notify_off = queue index),
     * so the address alone names the queue and a hypervisor can bind one event per queue.
     */
    static final int NOTIFY_MULTIPLIER = 4;
    static final int MSIX_TABLE = 0x4000;
    static final int MSIX_PBA = 0x5000;

    /** virtio_pci_cap.cfg_type values. */
    static final int CAP_COMMON = 1;
    static final int CAP_NOTIFY = 2;
    static final int CAP_ISR = 3;
    static final int CAP_DEVICE = 4;
    static final int CAP_PCI_CFG = 5;

    /** VIRTIO_MSI_NO_VECTOR. */
    static final int NO_VECTOR = 0xFFFF;

    /** ISR status bits. */
    static final int ISR_QUEUE = 1;
    static final int ISR_CONFIG = 2;

    private PciLayout() {
    }

    /**
     * The function's ids for virtio device {@code deviceId}. Drivers bind device ids up to 0x107F
     * (virtio ids up to 63); larger ids still get a valid, if unknown, PCI device id.
     */
    static PciIdentity identity(int deviceId) {
        if (deviceId < 1 || DEVICE_BASE + deviceId > 0xFFFF) {
            throw new IllegalArgumentException("virtio device id " + deviceId + " has no modern PCI device id");
        }
        return new PciIdentity(VENDOR, DEVICE_BASE + deviceId, REVISION, classCode(deviceId), VENDOR, SUBSYSTEM);
    }

    /** The class code QEMU gives the device type: storage, network, communication or "other". */
    static int classCode(int deviceId) {
        return switch (deviceId) {
            case VirtioDeviceIds.NET -> 0x02_0000;
            case VirtioDeviceIds.BLOCK, VirtioDeviceIds.FS, VirtioDeviceIds.NINE_P -> 0x01_8000;
            case VirtioDeviceIds.CONSOLE, VirtioDeviceIds.VSOCK -> 0x07_8000;
            default -> 0xFF_0000;
        };
    }
}
