package org.jvmm.devices.virtio.impl.mmio;

/** virtio-mmio register offsets (virtio 1.x section 4.2.2). */
final class MmioRegisters {
    static final int MAGIC_VALUE = 0x000;
    static final int VERSION = 0x004;
    static final int DEVICE_ID = 0x008;
    static final int VENDOR_ID = 0x00C;
    static final int DEVICE_FEATURES = 0x010;
    static final int DEVICE_FEATURES_SEL = 0x014;
    static final int DRIVER_FEATURES = 0x020;
    static final int DRIVER_FEATURES_SEL = 0x024;
    static final int QUEUE_SEL = 0x030;
    static final int QUEUE_NUM_MAX = 0x034;
    static final int QUEUE_NUM = 0x038;
    static final int QUEUE_READY = 0x044;
    static final int QUEUE_NOTIFY = 0x050;
    static final int INTERRUPT_STATUS = 0x060;
    static final int INTERRUPT_ACK = 0x064;
    static final int STATUS = 0x070;
    static final int QUEUE_DESC_LOW = 0x080;
    static final int QUEUE_DESC_HIGH = 0x084;
    static final int QUEUE_DRIVER_LOW = 0x090;
    static final int QUEUE_DRIVER_HIGH = 0x094;
    static final int QUEUE_DEVICE_LOW = 0x0A0;
    static final int QUEUE_DEVICE_HIGH = 0x0A4;
    static final int SHM_SEL = 0x0AC;
    static final int SHM_LEN_LOW = 0x0B0;
    static final int SHM_LEN_HIGH = 0x0B4;
    static final int SHM_BASE_LOW = 0x0B8;
    static final int SHM_BASE_HIGH = 0x0BC;
    static final int CONFIG_GENERATION = 0x0FC;
    static final int CONFIG = 0x100;
    static final int WINDOW = 0x200;

    /** "virt" little-endian. */
    static final int MAGIC = 0x7472_6976;
    static final int MODERN_VERSION = 2;
    /** The vendor id shown to the driver (the virtio PCI vendor). */
    static final int VENDOR = 0x1AF4;

    /** InterruptStatus bit: a used buffer notification. */
    static final int INT_VRING = 1;
    /** InterruptStatus bit: a configuration change notification. */
    static final int INT_CONFIG = 2;

    private MmioRegisters() {
    }
}
