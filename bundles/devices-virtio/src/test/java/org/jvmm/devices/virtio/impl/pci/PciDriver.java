package org.jvmm.devices.virtio.impl.pci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.jvmm.devices.virtio.driver.MmioGuest.ACKNOWLEDGE;
import static org.jvmm.devices.virtio.driver.MmioGuest.DRIVER;
import static org.jvmm.devices.virtio.driver.MmioGuest.DRIVER_OK;
import static org.jvmm.devices.virtio.driver.MmioGuest.FEATURES_OK;

import org.jvmm.devices.virtio.driver.MockVirtqueue;

/**
 * The virtio side of a modern virtio-pci driver, in the order Linux's virtio_pci_modern does things:
 * reset, negotiation, optional MSI-X vectors (written, then read back), queue setup with 64-bit
 * addresses written as two dwords, DRIVER_OK; doorbells at notify base + queue_notify_off *
 * multiplier; the ISR read by the INTx handler.
 */
final class PciDriver {
    static final int DEVICE_FEATURE_SELECT = 0x00;
    static final int DEVICE_FEATURE = 0x04;
    static final int DRIVER_FEATURE_SELECT = 0x08;
    static final int DRIVER_FEATURE = 0x0C;
    static final int CONFIG_MSIX_VECTOR = 0x10;
    static final int NUM_QUEUES = 0x12;
    static final int DEVICE_STATUS = 0x14;
    static final int CONFIG_GENERATION = 0x15;
    static final int QUEUE_SELECT = 0x16;
    static final int QUEUE_SIZE = 0x18;
    static final int QUEUE_MSIX_VECTOR = 0x1A;
    static final int QUEUE_ENABLE = 0x1C;
    static final int QUEUE_NOTIFY_OFF = 0x1E;
    static final int QUEUE_DESC = 0x20;
    static final int QUEUE_DRIVER = 0x28;
    static final int QUEUE_DEVICE = 0x30;
    static final int NO_VECTOR = 0xFFFF;

    static final int COMMON = 1;
    static final int NOTIFY = 2;
    static final int ISR = 3;
    static final int DEVICE = 4;
    static final int PCI_CFG = 5;

    final PciGuest pci;

    PciDriver(PciGuest pci) {
        this.pci = pci;
    }

    long common(int off, int size) {
        return pci.read(pci.at(COMMON, off), size);
    }

    void common(int off, int size, long v) {
        pci.write(pci.at(COMMON, off), size, v);
    }

    int status() {
        return (int) common(DEVICE_STATUS, 1);
    }

    void status(int v) {
        common(DEVICE_STATUS, 1, v);
    }

    long deviceFeatures() {
        common(DEVICE_FEATURE_SELECT, 4, 0);
        long lo = common(DEVICE_FEATURE, 4);
        common(DEVICE_FEATURE_SELECT, 4, 1);
        return lo | common(DEVICE_FEATURE, 4) << 32;
    }

    void driverFeatures(long f) {
        common(DRIVER_FEATURE_SELECT, 4, 0);
        common(DRIVER_FEATURE, 4, f & 0xFFFF_FFFFL);
        common(DRIVER_FEATURE_SELECT, 4, 1);
        common(DRIVER_FEATURE, 4, f >>> 32);
    }

    /** Reset (waiting for status 0), ACKNOWLEDGE, DRIVER, features, FEATURES_OK; returns the accepted set. */
    long negotiate(long wanted) {
        status(0);
        assertEquals(0, status(), "reset done");
        status(ACKNOWLEDGE);
        status(ACKNOWLEDGE | DRIVER);
        long accepted = deviceFeatures() & wanted;
        driverFeatures(accepted);
        status(ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertTrue((status() & FEATURES_OK) != 0, "FEATURES_OK accepted");
        return accepted;
    }

    /** Sets up queue {@code q} on {@code vq} with MSI-X vector {@code vector} (NO_VECTOR for none) and enables it. */
    void setupQueue(int q, MockVirtqueue vq, int vector) {
        common(QUEUE_SELECT, 2, q);
        assertEquals(0, common(QUEUE_ENABLE, 2), "queue " + q + " not yet enabled");
        assertTrue(common(QUEUE_SIZE, 2) >= vq.size(), "queue max size");
        common(QUEUE_SIZE, 2, vq.size());
        if (vector != NO_VECTOR) {
            common(QUEUE_MSIX_VECTOR, 2, vector);
            assertEquals(vector, common(QUEUE_MSIX_VECTOR, 2), "vector accepted");
        }
        twoDwords(QUEUE_DESC, vq.desc());
        twoDwords(QUEUE_DRIVER, vq.avail());
        twoDwords(QUEUE_DEVICE, vq.used());
        common(QUEUE_ENABLE, 2, 1);
    }

    /** Negotiation, queues 0.. without MSI-X vectors, DRIVER_OK. */
    long init(long wanted, MockVirtqueue... queues) {
        long features = negotiate(wanted);
        for (int q = 0; q < queues.length; q++) {
            setupQueue(q, queues[q], NO_VECTOR);
        }
        driverOk();
        return features;
    }

    /** As Linux with one vector per queue: MSI-X on, config vector 0, queue q vector q + 1. */
    long initMsix(long wanted, MockVirtqueue... queues) {
        pci.msixControl(true, false);
        for (int v = 0; v <= queues.length; v++) {
            pci.msixEntry(v, false);
        }
        long features = negotiate(wanted);
        common(CONFIG_MSIX_VECTOR, 2, 0);
        assertEquals(0, common(CONFIG_MSIX_VECTOR, 2));
        for (int q = 0; q < queues.length; q++) {
            setupQueue(q, queues[q], q + 1);
        }
        driverOk();
        return features;
    }

    void driverOk() {
        status(ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertEquals(ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK, status());
    }

    /** Rings queue {@code q}'s doorbell with a 16-bit write of its index. */
    void notify(int q) {
        common(QUEUE_SELECT, 2, q);
        long off = common(QUEUE_NOTIFY_OFF, 2);
        pci.write(pci.at(NOTIFY, off * pci.notifyMultiplier), 2, q);
    }

    int isr() {
        return (int) pci.read(pci.at(ISR, 0), 1);
    }

    long config(int off, int size) {
        return pci.read(pci.at(DEVICE, off), size);
    }

    private void twoDwords(int off, long v) {
        common(off, 4, v & 0xFFFF_FFFFL);
        common(off + 4, 4, v >>> 32);
    }
}
