package org.jvmm.pci.api;

import java.util.List;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;

/** An I/O BAR at one port: immutable, replaced when the BAR moves. */
final class MappedIoBar implements PortIoIntercept {
    private final PortRange range;
    private final List<PortRange> ranges;
    private final BarHandler handler;

    MappedIoBar(PortRange range, BarHandler handler) {
        this.range = range;
        this.ranges = List.of(range);
        this.handler = handler;
    }

    PortRange range() {
        return range;
    }

    @Override
    public List<PortRange> portRanges() {
        return ranges;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        IoResult check = check(port, size);
        return check != IoResult.OK ? check : handler.barRead(port - range.start(), size, out);
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        IoResult check = check(port, size);
        return check != IoResult.OK ? check : handler.barWrite(port - range.start(), size, value);
    }

    private IoResult check(int port, int size) {
        if (size != 1 && size != 2 && size != 4) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        int off = port - range.start();
        return off >= 0 && off <= range.length() - size ? IoResult.OK : IoResult.INVALID_REGISTER;
    }
}
