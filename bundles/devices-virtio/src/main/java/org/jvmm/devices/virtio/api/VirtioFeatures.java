package org.jvmm.devices.virtio.api;

/** Device-independent feature bits (virtio 1.x section 6) and their split into device and transport ranges. */
public final class VirtioFeatures {
    /** Indirect descriptor tables. */
    public static final int RING_INDIRECT_DESC = 28;
    /** used_event / avail_event notification suppression. */
    public static final int RING_EVENT_IDX = 29;
    /** Virtio 1.x (non-legacy) interface. */
    public static final int VERSION_1 = 32;
    /** Device behind an IOMMU; never offered: devices use guest-physical addresses. */
    public static final int ACCESS_PLATFORM = 33;
    public static final int RING_PACKED = 34;
    public static final int IN_ORDER = 35;
    public static final int NOTIFICATION_DATA = 38;
    public static final int RING_RESET = 40;

    /** Bits a device may offer itself: 0..23 and 50..63. */
    public static final long DEVICE_MASK = 0x00FF_FFFFL | -1L << 50;
    /** What the transports of this bundle implement and always offer. */
    public static final long TRANSPORT_OFFERED = bit(RING_INDIRECT_DESC) | bit(RING_EVENT_IDX) | bit(VERSION_1);

    private VirtioFeatures() {
    }

    /** {@code 1L << bit}. */
    public static long bit(int bit) {
        return 1L << bit;
    }
}
