package org.jvmm.itest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.guestmem.GuestMemory;

/**
 * A guest driver for one virtio-mmio device with one split virtqueue, as small as a test needs:
 * the status handshake of virtio 1.x (section 3.1.1), feature negotiation, queue 0 set up in guest
 * RAM, and requests as descriptor chains whose completion is awaited in the used ring.
 */
final class VirtioMmioDriver {
    static final long VERSION_1 = 1L << 32;
    private static final int QUEUE_SIZE = 8;
    private static final int ACKNOWLEDGE = 1;
    private static final int DRIVER = 2;
    private static final int DRIVER_OK = 4;
    private static final int FEATURES_OK = 8;
    private static final short F_NEXT = 1;
    private static final short F_WRITE = 2;

    private final MmioIntercept mmio;
    private final long base;
    private final GuestMemory memory;
    private final long desc;
    private final long avail;
    private final long used;
    private final IoValue value = new IoValue();
    private short nextAvail;

    /** {@code len} bytes of guest RAM at {@code gpa}; the device writes them if {@code deviceWrites}, else reads. */
    record Buffer(long gpa, int len, boolean deviceWrites) {
    }

    private VirtioMmioDriver(MmioIntercept mmio, long base, GuestMemory memory, long queueGpa) {
        this.mmio = mmio;
        this.base = base;
        this.memory = memory;
        this.desc = queueGpa;
        this.avail = queueGpa + 16 * QUEUE_SIZE;
        this.used = queueGpa + 0x1000;
    }

    /**
     * Resets the device, accepts {@code wanted} (with VERSION_1) of what it offers, sets up queue 0
     * with its rings at {@code queueGpa} (two pages) and sets DRIVER_OK.
     *
     * @return the driver; the accepted features are {@link #features}
     */
    static VirtioMmioDriver start(MmioIntercept mmio, long base, GuestMemory memory, long queueGpa, long wanted) {
        VirtioMmioDriver d = new VirtioMmioDriver(mmio, base, memory, queueGpa);
        d.write(0x070, 0);
        d.write(0x070, ACKNOWLEDGE);
        d.write(0x070, ACKNOWLEDGE | DRIVER);
        long accepted = d.offeredFeatures() & (wanted | VERSION_1);
        assertNotEquals(0, accepted & VERSION_1, "the device offers VIRTIO_F_VERSION_1");
        d.write(0x024, 0);
        d.write(0x020, (int) accepted);
        d.write(0x024, 1);
        d.write(0x020, (int) (accepted >>> 32));
        d.write(0x070, ACKNOWLEDGE | DRIVER | FEATURES_OK);
        assertEquals(FEATURES_OK, d.read(0x070) & FEATURES_OK, "the device keeps FEATURES_OK");
        d.setUpQueue0();
        d.write(0x070, ACKNOWLEDGE | DRIVER | FEATURES_OK | DRIVER_OK);
        assertEquals(DRIVER_OK, d.read(0x070) & DRIVER_OK, "the device is live");
        return d;
    }

    /** The 64 feature bits the device offers. */
    long offeredFeatures() {
        write(0x014, 0);
        long low = read(0x010) & 0xFFFF_FFFFL;
        write(0x014, 1);
        return low | (read(0x010) & 0xFFFF_FFFFL) << 32;
    }

    /** A register of the 0x000..0x0FF block (32 bits). */
    int read(int offset) {
        assertEquals(IoResult.OK, mmio.mmioRead(base + offset, 4, value), "read of 0x" + Integer.toHexString(offset));
        return (int) value.get();
    }

    /** {@code size} bytes of device config space at {@code offset}. */
    long readConfig(int offset, int size) {
        assertEquals(IoResult.OK, mmio.mmioRead(base + 0x100 + offset, size, value), "config read at " + offset);
        return value.get();
    }

    void write(int offset, int v) {
        assertEquals(IoResult.OK, mmio.mmioWrite(base + offset, 4, v), "write of 0x" + Integer.toHexString(offset));
    }

    /**
     * Puts {@code buffers} in the queue as one chain, notifies the device and waits until it is used.
     *
     * @return the number of bytes the device says it wrote
     */
    int submit(List<Buffer> buffers) throws InterruptedException {
        assertTrue(buffers.size() <= QUEUE_SIZE, "at most " + QUEUE_SIZE + " buffers");
        for (int i = 0; i < buffers.size(); i++) {
            Buffer b = buffers.get(i);
            long d = desc + 16L * i;
            memory.write64(d, b.gpa());
            memory.write32(d + 8, b.len());
            boolean more = i + 1 < buffers.size();
            memory.write16(d + 12, (short) ((more ? F_NEXT : 0) | (b.deviceWrites() ? F_WRITE : 0)));
            memory.write16(d + 14, (short) (more ? i + 1 : 0));
        }
        memory.write16(avail + 4 + 2L * (nextAvail % QUEUE_SIZE), (short) 0);
        short expected = ++nextAvail;
        memory.write16(avail + 2, expected);
        write(0x050, 0);
        Eventually.until("used ring index " + expected, () -> memory.read16(used + 2) == expected);
        long element = used + 4 + 8L * ((expected - 1) % QUEUE_SIZE);
        assertEquals(0, memory.read32(element), "the used element names chain head 0");
        return memory.read32(element + 4);
    }

    /** Reads and acknowledges the interrupt status; the bits that were set. */
    int acknowledgeInterrupt() {
        int status = read(0x060);
        write(0x064, status);
        return status;
    }

    private void setUpQueue0() {
        memory.fill(desc, 0x2000, (byte) 0);
        write(0x030, 0);
        assertTrue(read(0x034) >= QUEUE_SIZE, "queue 0 takes " + QUEUE_SIZE + " entries");
        write(0x038, QUEUE_SIZE);
        writeAddress(0x080, desc);
        writeAddress(0x090, avail);
        writeAddress(0x0A0, used);
        write(0x044, 1);
    }

    private void writeAddress(int lowRegister, long gpa) {
        write(lowRegister, (int) gpa);
        write(lowRegister + 4, (int) (gpa >>> 32));
    }
}
