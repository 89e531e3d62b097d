package org.jvmm.chipset.impl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;

/** Guest port accesses for tests: asserts each access succeeds. */
public record PortBus(PortIoIntercept device) {
    public int in8(int port) {
        return (int) in(port, 1);
    }

    public long in(int port, int size) {
        IoValue v = new IoValue();
        assertEquals(IoResult.OK, device.ioRead(port, size, v), "read of port 0x" + Integer.toHexString(port));
        return v.get();
    }

    public void out8(int port, int value) {
        out(port, 1, value);
    }

    public void out(int port, int size, long value) {
        assertEquals(IoResult.OK, device.ioWrite(port, size, value), "write of port 0x" + Integer.toHexString(port));
    }
}
