package org.jvmm.devices.virtio.impl.pci;

import static org.jvmm.devices.virtio.impl.pci.PciLayout.*;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.devices.virtio.impl.transport.TransportCore;
import org.jvmm.pci.api.BarHandler;

/**
 * The virtio registers of the function's BAR (everything but the MSI-X table and PBA, which the
 * config space serves): common configuration, ISR status, device configuration and the queue
 * doorbells, at the offsets of {@link PciLayout}. Every access is checked here again (the config
 * window calls in directly): 1, 2, 4 or 8 bytes, naturally aligned, inside one structure. Reads of
 * the doorbells and writes of the ISR are refused ({@link IoResult#INVALID_REGISTER}), as are gaps.
 */
final class BarRegisters implements BarHandler {
    private final TransportCore core;
    private final CommonConfig common;
    private final PciInterrupts interrupts;
    private final int notifySize;

    BarRegisters(TransportCore core, CommonConfig common, PciInterrupts interrupts) {
        this.core = core;
        this.common = common;
        this.interrupts = interrupts;
        this.notifySize = 4 * core.queueCount();
    }

    @Override
    public IoResult barRead(long offset, int size, IoValue out) {
        IoResult check = check(offset, size);
        if (check != IoResult.OK) {
            return check;
        }
        int off = (int) offset;
        if (inside(off, size, COMMON, COMMON_SIZE)) {
            out.set(common.read(off - COMMON, size));
        } else if (inside(off, size, ISR, ISR_SIZE)) {
            out.set(off == ISR ? interrupts.readIsr() : 0);
        } else if (inside(off, size, DEVICE, core.configSize())) {
            long v = core.readConfig(off - DEVICE, size);
            out.set(size == 8 ? v : v & (1L << 8 * size) - 1);
        } else {
            return IoResult.INVALID_REGISTER;
        }
        return IoResult.OK;
    }

    @Override
    public IoResult barWrite(long offset, int size, long value) {
        IoResult check = check(offset, size);
        if (check != IoResult.OK) {
            return check;
        }
        int off = (int) offset;
        long v = size == 8 ? value : value & (1L << 8 * size) - 1;
        if (inside(off, size, COMMON, COMMON_SIZE)) {
            common.write(off - COMMON, size, v);
        } else if (inside(off, size, DEVICE, core.configSize())) {
            core.writeConfig(off - DEVICE, size, v);
        } else if (inside(off, size, NOTIFY, notifySize)) {
            return notify(off - NOTIFY, size);
        } else {
            return IoResult.INVALID_REGISTER;
        }
        return IoResult.OK;
    }

    /** A doorbell write: the address names the queue (the value, its index, is not needed). */
    private IoResult notify(int rel, int size) {
        if (size > 4 || rel % NOTIFY_MULTIPLIER != 0) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        core.notifyQueue(rel / NOTIFY_MULTIPLIER);
        return IoResult.OK;
    }

    private static IoResult check(long offset, int size) {
        if (size != 1 && size != 2 && size != 4 && size != 8) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        if (offset < 0 || offset > BAR_SIZE - size) {
            return IoResult.INVALID_REGISTER;
        }
        return offset % size == 0 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    private static boolean inside(int off, int size, int start, int length) {
        return off >= start && off + size <= start + length;
    }
}
