package org.jvmm.devices.virtio.impl.mmio;

import static org.jvmm.devices.virtio.impl.mmio.MmioRegisters.*;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.AcpiDeviceInfo;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.devices.virtio.api.VirtioDevice;
import org.jvmm.devices.virtio.impl.transport.QueueArea;
import org.jvmm.devices.virtio.impl.transport.TransportCore;
import org.jvmm.devices.virtio.impl.transport.TransportInterrupts;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;

/**
 * A virtio device on the virtio-mmio transport (version 2). Registers are 32-bit, naturally aligned;
 * config space (from 0x100) takes 1, 2, 4 and 8-byte aligned accesses. Unknown offsets and
 * read-only/write-only mismatches answer {@link IoResult#INVALID_REGISTER}; nothing throws.
 */
public final class MmioTransport implements ChipsetDevice, MmioIntercept, TransportInterrupts, AutoCloseable {
    /** The DSDT hardware id of virtio-mmio devices. */
    public static final String ACPI_HID = "LNRO0005";

    private final long base;
    private final int gsi;
    private final String name;
    private final LineInterrupt line;
    private final TransportCore core;
    private final List<MmioRange> ranges;
    private final Object irqLock = new Object();
    private int isr;
    private boolean lineHigh;
    private int deviceFeaturesSel;
    private int driverFeaturesSel;
    private int queueSel;

    /**
     * @throws IllegalArgumentException if the device describes itself wrongly or its config space
     *                                  does not fit the window
     */
    public MmioTransport(VirtioDevice device, long base, int gsi, GuestMemory memory, LineInterrupt line) {
        this.base = base;
        this.gsi = gsi;
        this.name = device.name() + "@" + Long.toHexString(base);
        this.line = line;
        this.core = new TransportCore(device, memory, this, WINDOW - CONFIG);
        this.ranges = List.of(new MmioRange(name, base, WINDOW));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<MmioIntercept> mmio() {
        return Optional.of(this);
    }

    @Override
    public Optional<AcpiDeviceInfo> acpi() {
        return Optional.of(new AcpiDeviceInfo(ACPI_HID, (int) (base / WINDOW), ranges, List.of(gsi)));
    }

    /**
     * Unit {@code virtio.mmio} ({@link MmioState}), present when the device offers a unit of its
     * own: without one the VM cannot be saved, and the snapshot names this device.
     */
    @Override
    public Optional<StateUnit> state() {
        return core.device().state().map(d -> new MmioState(this, core.stateUnit(), d));
    }

    /** The transport's own registers: the three selectors, the interrupt status and the line's level. */
    record Registers(int deviceFeaturesSel, int driverFeaturesSel, int queueSel, int isr, boolean line) {
    }

    Registers registers() {
        synchronized (this) {
            synchronized (irqLock) {
                return new Registers(deviceFeaturesSel, driverFeaturesSel, queueSel, isr, lineHigh);
            }
        }
    }

    /** Sets the registers and drives the line to the saved level. */
    void restoreRegisters(Registers r) {
        synchronized (this) {
            deviceFeaturesSel = r.deviceFeaturesSel();
            driverFeaturesSel = r.driverFeaturesSel();
            queueSel = r.queueSel();
        }
        synchronized (irqLock) {
            isr = r.isr() & (INT_VRING | INT_CONFIG);
            lineHigh = r.line();
            line.setLevel(lineHigh);
            updateLine();
        }
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return ranges;
    }

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        long off = address - base;
        if (off < 0 || off >= WINDOW) {
            return IoResult.INVALID_REGISTER;
        }
        if (off >= CONFIG) {
            return readConfig((int) off - CONFIG, size, out);
        }
        if (size != 4 || (off & 3) != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        long value = register((int) off);
        if (value < 0) {
            return IoResult.INVALID_REGISTER;
        }
        out.set(value);
        return IoResult.OK;
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        long off = address - base;
        if (off < 0 || off >= WINDOW) {
            return IoResult.INVALID_REGISTER;
        }
        if (off >= CONFIG) {
            return writeConfig((int) off - CONFIG, size, value);
        }
        if (size != 4 || (off & 3) != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        return write((int) off, (int) value) ? IoResult.OK : IoResult.INVALID_REGISTER;
    }

    /** A readable register's value (32 bits, unsigned), or -1 when {@code off} is not one. */
    private long register(int off) {
        return switch (off) {
            case MAGIC_VALUE -> MAGIC;
            case VERSION -> MODERN_VERSION;
            case DEVICE_ID -> core.deviceId();
            case VENDOR_ID -> VENDOR;
            case DEVICE_FEATURES -> Integer.toUnsignedLong(core.deviceFeatures(deviceFeaturesSel()));
            case QUEUE_NUM_MAX -> core.maxQueueSize(queueSel());
            case QUEUE_NUM -> core.queueSize(queueSel());
            case QUEUE_READY -> core.queueReady(queueSel()) ? 1 : 0;
            case INTERRUPT_STATUS -> interruptStatus();
            case STATUS -> core.status();
            case QUEUE_DESC_LOW, QUEUE_DESC_HIGH -> half(core.queueAddress(queueSel(), QueueArea.DESC), off);
            case QUEUE_DRIVER_LOW, QUEUE_DRIVER_HIGH -> half(core.queueAddress(queueSel(), QueueArea.DRIVER), off);
            case QUEUE_DEVICE_LOW, QUEUE_DEVICE_HIGH -> half(core.queueAddress(queueSel(), QueueArea.DEVICE), off);
            // no shared memory regions: the length of every region reads as -1
            case SHM_LEN_LOW, SHM_LEN_HIGH, SHM_BASE_LOW, SHM_BASE_HIGH -> 0xFFFF_FFFFL;
            case CONFIG_GENERATION -> Integer.toUnsignedLong(core.configGeneration());
            default -> -1;
        };
    }

    private boolean write(int off, int value) {
        switch (off) {
            case DEVICE_FEATURES_SEL -> setDeviceFeaturesSel(value);
            case DRIVER_FEATURES -> core.setDriverFeatures(driverFeaturesSel(), value);
            case DRIVER_FEATURES_SEL -> setDriverFeaturesSel(value);
            case QUEUE_SEL -> setQueueSel(value);
            case QUEUE_NUM -> core.setQueueSize(queueSel(), value);
            case QUEUE_READY -> core.setQueueReady(queueSel(), (value & 1) != 0);
            case QUEUE_NOTIFY -> core.notifyQueue(value);
            case INTERRUPT_ACK -> acknowledge(value);
            case STATUS -> core.writeStatus(value);
            case QUEUE_DESC_LOW, QUEUE_DESC_HIGH -> core.setQueueAddress(queueSel(), QueueArea.DESC, high(off), value);
            case QUEUE_DRIVER_LOW, QUEUE_DRIVER_HIGH ->
                    core.setQueueAddress(queueSel(), QueueArea.DRIVER, high(off), value);
            case QUEUE_DEVICE_LOW, QUEUE_DEVICE_HIGH ->
                    core.setQueueAddress(queueSel(), QueueArea.DEVICE, high(off), value);
            case SHM_SEL -> {
                // accepted and ignored: there is no region to select
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    private IoResult readConfig(int off, int size, IoValue out) {
        IoResult check = checkConfig(off, size);
        if (check == IoResult.OK) {
            long v = core.readConfig(off, size);
            out.set(size == 8 ? v : v & ((1L << (8 * size)) - 1));
        }
        return check;
    }

    private IoResult writeConfig(int off, int size, long value) {
        IoResult check = checkConfig(off, size);
        if (check == IoResult.OK) {
            core.writeConfig(off, size, size == 8 ? value : value & ((1L << (8 * size)) - 1));
        }
        return check;
    }

    private IoResult checkConfig(int off, int size) {
        if ((size != 1 && size != 2 && size != 4 && size != 8) || off % size != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        return off + size <= core.configSize() ? IoResult.OK : IoResult.INVALID_REGISTER;
    }

    private synchronized void setDeviceFeaturesSel(int value) {
        deviceFeaturesSel = value;
    }

    private synchronized void setDriverFeaturesSel(int value) {
        driverFeaturesSel = value;
    }

    private synchronized void setQueueSel(int value) {
        queueSel = value;
    }

    private synchronized int deviceFeaturesSel() {
        return deviceFeaturesSel;
    }

    private synchronized int driverFeaturesSel() {
        return driverFeaturesSel;
    }

    private synchronized int queueSel() {
        return queueSel;
    }

    private static boolean high(int off) {
        return (off & 4) != 0;
    }

    private static long half(long address, int off) {
        return high(off) ? address >>> 32 : address & 0xFFFF_FFFFL;
    }

    @Override
    public void queueInterrupt(int queue) {
        raise(INT_VRING);
    }

    @Override
    public void configInterrupt() {
        raise(INT_CONFIG);
    }

    @Override
    public void clear() {
        synchronized (irqLock) {
            isr = 0;
            updateLine();
        }
    }

    private void raise(int bit) {
        synchronized (irqLock) {
            isr |= bit;
            updateLine();
        }
    }

    private void acknowledge(int bits) {
        synchronized (irqLock) {
            isr &= ~bits;
            updateLine();
        }
    }

    private int interruptStatus() {
        synchronized (irqLock) {
            return isr;
        }
    }

    private void updateLine() {
        boolean high = isr != 0;
        if (high != lineHigh) {
            lineHigh = high;
            line.setLevel(high);
        }
    }

    /** VM reset: the device returns to its power-on state. */
    @Override
    public void reset() {
        core.reset();
        synchronized (this) {
            deviceFeaturesSel = 0;
            driverFeaturesSel = 0;
            queueSel = 0;
        }
    }

    @Override
    public void close() {
        core.device().close();
    }

    @Override
    public void inspect(InspectNode node) {
        node.hex("base", base).field("gsi", gsi).field("interrupt_status", interruptStatus());
        core.inspect(node);
    }
}
