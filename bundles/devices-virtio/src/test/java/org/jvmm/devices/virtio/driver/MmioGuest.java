package org.jvmm.devices.virtio.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;

/** A virtio-mmio driver's register accesses, and the probe sequence Linux's virtio_mmio performs. */
public final class MmioGuest {
    public static final int MAGIC = 0x000;
    public static final int VERSION = 0x004;
    public static final int DEVICE_ID = 0x008;
    public static final int VENDOR_ID = 0x00C;
    public static final int DEVICE_FEATURES = 0x010;
    public static final int DEVICE_FEATURES_SEL = 0x014;
    public static final int DRIVER_FEATURES = 0x020;
    public static final int DRIVER_FEATURES_SEL = 0x024;
    public static final int QUEUE_SEL = 0x030;
    public static final int QUEUE_NUM_MAX = 0x034;
    public static final int QUEUE_NUM = 0x038;
    public static final int QUEUE_READY = 0x044;
    public static final int QUEUE_NOTIFY = 0x050;
    public static final int INTERRUPT_STATUS = 0x060;
    public static final int INTERRUPT_ACK = 0x064;
    public static final int STATUS = 0x070;
    public static final int QUEUE_DESC_LOW = 0x080;
    public static final int QUEUE_DESC_HIGH = 0x084;
    public static final int QUEUE_DRIVER_LOW = 0x090;
    public static final int QUEUE_DRIVER_HIGH = 0x094;
    public static final int QUEUE_DEVICE_LOW = 0x0A0;
    public static final int QUEUE_DEVICE_HIGH = 0x0A4;
    public static final int SHM_LEN_LOW = 0x0B0;
    public static final int CONFIG_GENERATION = 0x0FC;
    public static final int CONFIG = 0x100;

    public static final int ACKNOWLEDGE = 1;
    public static final int DRIVER = 2;
    public static final int DRIVER_OK = 4;
    public static final int FEATURES_OK = 8;
    public static final int NEEDS_RESET = 64;

    public static final long VERSION_1 = 1L << 32;
    public static final long INDIRECT_DESC = 1L << 28;
    public static final long EVENT_IDX = 1L << 29;

    private final MmioIntercept mmio;
    private final long base;
    private final IoValue value = new IoValue();

    public MmioGuest(MmioIntercept mmio, long base) {
        this.mmio = mmio;
        this.base = base;
    }

    public int read(int off) {
        assertEquals(IoResult.OK, mmio.mmioRead(base + off, 4, value), "read 0x" + Integer.toHexString(off));
        return (int) value.get();
    }

    public void write(int off, int v) {
        assertEquals(IoResult.OK, mmio.mmioWrite(base + off, 4, v), "write 0x" + Integer.toHexString(off));
    }

    /** Raw access result, for negative tests. */
    public IoResult access(boolean write, long off, int size, long v) {
        return write ? mmio.mmioWrite(base + off, size, v) : mmio.mmioRead(base + off, size, value);
    }

    public long lastValue() {
        return value.get();
    }

    public long config(int off, int size) {
        assertEquals(IoResult.OK, mmio.mmioRead(base + CONFIG + off, size, value), "config read " + off);
        return value.get();
    }

    public long deviceFeatures() {
        write(DEVICE_FEATURES_SEL, 0);
        long lo = Integer.toUnsignedLong(read(DEVICE_FEATURES));
        write(DEVICE_FEATURES_SEL, 1);
        return lo | Integer.toUnsignedLong(read(DEVICE_FEATURES)) << 32;
    }

    public void driverFeatures(long features) {
        write(DRIVER_FEATURES_SEL, 0);
        write(DRIVER_FEATURES, (int) features);
        write(DRIVER_FEATURES_SEL, 1);
        write(DRIVER_FEATURES, (int) (features >>> 32));
    }

    public int status() {
        return read(STATUS);
    }

    /** Reset, ACKNOWLEDGE, DRIVER, features ({@code wanted} & offered), FEATURES_OK; returns the accepted set. */
    public long negotiate(long wanted) {
        assertEquals(0x74726976, read(MAGIC));
        assertEquals(2, read(VERSION));
        write(STATUS, 0);
        assertEquals(0, status());
        write(STATUS, ACKNOWLEDGE);
        write(STATUS, ACKNOWLEDGE | DRIVER);
        long accepted = deviceFeatures() & wanted;
        driverFeatures(accepted);
        write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertTrue((status() & FEATURES_OK) != 0, "FEATURES_OK accepted");
        return accepted;
    }

    /** Sets up queue {@code q} on {@code vq} and enables it. */
    public void setupQueue(int q, MockVirtqueue vq) {
        write(QUEUE_SEL, q);
        assertEquals(0, read(QUEUE_READY));
        assertTrue(read(QUEUE_NUM_MAX) >= vq.size(), "queue max size");
        write(QUEUE_NUM, vq.size());
        write(QUEUE_DESC_LOW, (int) vq.desc());
        write(QUEUE_DESC_HIGH, (int) (vq.desc() >>> 32));
        write(QUEUE_DRIVER_LOW, (int) vq.avail());
        write(QUEUE_DRIVER_HIGH, (int) (vq.avail() >>> 32));
        write(QUEUE_DEVICE_LOW, (int) vq.used());
        write(QUEUE_DEVICE_HIGH, (int) (vq.used() >>> 32));
        write(QUEUE_READY, 1);
    }

    /** The whole probe: negotiate, set up {@code queues} as queues 0.., DRIVER_OK. Returns the features. */
    public long init(long wanted, MockVirtqueue... queues) {
        long features = negotiate(wanted);
        for (int q = 0; q < queues.length; q++) {
            setupQueue(q, queues[q]);
        }
        write(STATUS, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertEquals(ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK, status());
        return features;
    }

    public void notify(int q) {
        write(QUEUE_NOTIFY, q);
    }

    public int interruptStatus() {
        return read(INTERRUPT_STATUS);
    }

    /** Reads InterruptStatus and acknowledges it, as the interrupt handler does; returns what was set. */
    public int handleInterrupt() {
        int isr = interruptStatus();
        write(INTERRUPT_ACK, isr);
        return isr;
    }
}
