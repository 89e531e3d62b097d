package org.jvmm.devices.virtio.impl.pci;

import org.jvmm.devices.virtio.impl.transport.QueueArea;
import org.jvmm.devices.virtio.impl.transport.TransportCore;

/**
 * The common configuration structure (struct virtio_pci_common_cfg, virtio 1.x 4.1.4.3, with the
 * 1.2 tail). Accesses are decoded field by field, so any naturally aligned access works: the
 * driver's own (each field at its width, 64-bit fields as two dwords) and odd ones such as a dword
 * spanning two 16-bit fields, or a byte of a 16-bit field (merged into the field's current value).
 * Read-only fields ignore writes; fields of a queue that does not exist read 0 (queue_size 0 says
 * "unavailable") and NO_VECTOR for its vector. Selectors synchronise on this; the core and the
 * interrupts synchronise themselves, and no lock of this is held while calling them.
 */
final class CommonConfig {
    /** A field of the structure: byte offset and width. */
    private enum Field {
        DEVICE_FEATURE_SELECT(0x00, 4), DEVICE_FEATURE(0x04, 4), DRIVER_FEATURE_SELECT(0x08, 4),
        DRIVER_FEATURE(0x0C, 4), CONFIG_MSIX_VECTOR(0x10, 2), NUM_QUEUES(0x12, 2), DEVICE_STATUS(0x14, 1),
        CONFIG_GENERATION(0x15, 1), QUEUE_SELECT(0x16, 2), QUEUE_SIZE(0x18, 2), QUEUE_MSIX_VECTOR(0x1A, 2),
        QUEUE_ENABLE(0x1C, 2), QUEUE_NOTIFY_OFF(0x1E, 2), QUEUE_DESC(0x20, 8), QUEUE_DRIVER(0x28, 8),
        QUEUE_DEVICE(0x30, 8), QUEUE_NOTIFY_DATA(0x38, 2), QUEUE_RESET(0x3A, 2), ADMIN_QUEUE_INDEX(0x3C, 2),
        ADMIN_QUEUE_NUM(0x3E, 2);

        private static final Field[] BY_BYTE = new Field[PciLayout.COMMON_SIZE];

        static {
            for (Field f : values()) {
                for (int i = 0; i < f.width; i++) {
                    BY_BYTE[f.offset + i] = f;
                }
            }
        }

        final int offset;
        final int width;

        Field(int offset, int width) {
            this.offset = offset;
            this.width = width;
        }

        long mask() {
            return width == 8 ? -1L : (1L << 8 * width) - 1;
        }
    }

    private final TransportCore core;
    private final PciInterrupts interrupts;
    private int deviceFeatureSelect;
    private int driverFeatureSelect;
    private int queueSelect;

    CommonConfig(TransportCore core, PciInterrupts interrupts) {
        this.core = core;
        this.interrupts = interrupts;
    }

    /** Reads {@code size} bytes at {@code off}; the caller has checked alignment and bounds. */
    long read(int off, int size) {
        long value = 0;
        for (int at = off; at < off + size; ) {
            Field f = Field.BY_BYTE[at];
            int end = Math.min(off + size, f.offset + f.width);
            long bytes = read(f) >>> 8 * (at - f.offset);
            long mask = end - at == 8 ? -1L : (1L << 8 * (end - at)) - 1;
            value |= (bytes & mask) << 8 * (at - off);
            at = end;
        }
        return value;
    }

    /** Writes {@code size} bytes at {@code off}; the caller has checked alignment and bounds. */
    void write(int off, int size, long value) {
        for (int at = off; at < off + size; ) {
            Field f = Field.BY_BYTE[at];
            int end = Math.min(off + size, f.offset + f.width);
            int shift = 8 * (at - f.offset);
            long mask = (end - at == 8 ? -1L : (1L << 8 * (end - at)) - 1) << shift;
            long bytes = value >>> 8 * (at - off) << shift;
            long merged = mask == f.mask() ? bytes & mask : read(f) & ~mask | bytes & mask;
            write(f, merged);
            at = end;
        }
    }

    /** VM or function reset: the selectors return to 0. */
    synchronized void reset() {
        deviceFeatureSelect = 0;
        driverFeatureSelect = 0;
        queueSelect = 0;
    }

    synchronized int queueSelect() {
        return queueSelect;
    }

    private long read(Field f) {
        int q = queueSelect();
        return switch (f) {
            case DEVICE_FEATURE_SELECT -> Integer.toUnsignedLong(deviceFeatureSelect());
            case DEVICE_FEATURE -> Integer.toUnsignedLong(core.deviceFeatures(deviceFeatureSelect()));
            case DRIVER_FEATURE_SELECT -> Integer.toUnsignedLong(driverFeatureSelect());
            case DRIVER_FEATURE -> Integer.toUnsignedLong(core.driverFeatures(driverFeatureSelect()));
            case CONFIG_MSIX_VECTOR -> interrupts.configVector();
            case NUM_QUEUES -> core.queueCount();
            case DEVICE_STATUS -> core.status() & 0xFF;
            case CONFIG_GENERATION -> core.configGeneration() & 0xFF;
            case QUEUE_SELECT -> q;
            case QUEUE_SIZE -> core.queueSize(q);
            case QUEUE_MSIX_VECTOR -> interrupts.queueVector(q);
            case QUEUE_ENABLE -> core.queueReady(q) ? 1 : 0;
            case QUEUE_NOTIFY_OFF -> q < core.queueCount() ? q : 0;
            case QUEUE_DESC -> core.queueAddress(q, QueueArea.DESC);
            case QUEUE_DRIVER -> core.queueAddress(q, QueueArea.DRIVER);
            case QUEUE_DEVICE -> core.queueAddress(q, QueueArea.DEVICE);
            // NOTIF_CONFIG_DATA, RING_RESET and ADMIN_VQ are not offered: these read 0
            case QUEUE_NOTIFY_DATA, QUEUE_RESET, ADMIN_QUEUE_INDEX, ADMIN_QUEUE_NUM -> 0;
        };
    }

    private void write(Field f, long v) {
        int q = queueSelect();
        switch (f) {
            case DEVICE_FEATURE_SELECT -> setDeviceFeatureSelect((int) v);
            case DRIVER_FEATURE_SELECT -> setDriverFeatureSelect((int) v);
            case DRIVER_FEATURE -> core.setDriverFeatures(driverFeatureSelect(), (int) v);
            case CONFIG_MSIX_VECTOR -> interrupts.setConfigVector((int) v);
            case DEVICE_STATUS -> writeStatus((int) v);
            case QUEUE_SELECT -> setQueueSelect((int) v);
            case QUEUE_SIZE -> core.setQueueSize(q, (int) v);
            case QUEUE_MSIX_VECTOR -> interrupts.setQueueVector(q, (int) v);
            case QUEUE_ENABLE -> core.setQueueReady(q, (v & 1) != 0);
            case QUEUE_DESC -> setAddress(q, QueueArea.DESC, v);
            case QUEUE_DRIVER -> setAddress(q, QueueArea.DRIVER, v);
            case QUEUE_DEVICE -> setAddress(q, QueueArea.DEVICE, v);
            default -> {
                // read-only: device_feature, num_queues, config_generation, queue_notify_off, the 1.2 tail
            }
        }
    }

    private void writeStatus(int v) {
        core.writeStatus(v);
        if ((v & 0xFF) == 0) {
            // the core's reset has withdrawn interrupts and vectors; the selectors go with them
            reset();
        }
    }

    private void setAddress(int q, QueueArea area, long v) {
        core.setQueueAddress(q, area, false, (int) v);
        core.setQueueAddress(q, area, true, (int) (v >>> 32));
    }

    private synchronized int deviceFeatureSelect() {
        return deviceFeatureSelect;
    }

    private synchronized void setDeviceFeatureSelect(int v) {
        deviceFeatureSelect = v;
    }

    private synchronized int driverFeatureSelect() {
        return driverFeatureSelect;
    }

    private synchronized void setDriverFeatureSelect(int v) {
        driverFeatureSelect = v;
    }

    private synchronized void setQueueSelect(int v) {
        queueSelect = v & 0xFFFF;
    }

    /** device_feature_select, driver_feature_select, queue_select (snapshots). */
    synchronized int[] selectorValues() {
        return new int[] {deviceFeatureSelect, driverFeatureSelect, queueSelect};
    }

    synchronized void restoreSelectors(int deviceFeature, int driverFeature, int queue) {
        deviceFeatureSelect = deviceFeature;
        driverFeatureSelect = driverFeature;
        queueSelect = queue & 0xFFFF;
    }

    /** For inspect. */
    synchronized String selectors() {
        return "device_feature_select=" + deviceFeatureSelect + " driver_feature_select=" + driverFeatureSelect
                + " queue_select=" + queueSelect;
    }
}
