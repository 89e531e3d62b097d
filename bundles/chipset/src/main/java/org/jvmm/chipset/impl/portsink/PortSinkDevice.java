package org.jvmm.chipset.impl.portsink;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.inspect.InspectNode;

/** Ports that swallow writes (keeping the last value for inspect) and read as all ones. */
public final class PortSinkDevice implements ChipsetDevice, PortIoIntercept {
    private final String name;
    private final int port;
    private final int length;
    private final List<PortRange> ranges;
    private long lastValue = -1;
    private int lastPort = -1;
    private long writes;

    public PortSinkDevice(String name, int port, int length) {
        this.name = name;
        this.port = port;
        this.length = length;
        this.ranges = List.of(new PortRange(name, port, length));
    }

    @Override
    public String name() {
        return name;
    }

    /** Nothing guest-visible to save beyond the configuration. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(StateUnit.stateless("chipset.port_sink"));
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public List<PortRange> portRanges() {
        return ranges;
    }

    @Override
    public IoResult ioRead(int p, int size, IoValue out) {
        IoResult check = check(p, size);
        if (check == IoResult.OK) {
            out.set((1L << (8 * size)) - 1);
        }
        return check;
    }

    @Override
    public IoResult ioWrite(int p, int size, long value) {
        IoResult check = check(p, size);
        if (check == IoResult.OK) {
            synchronized (this) {
                lastPort = p;
                lastValue = value & ((1L << (8 * size)) - 1);
                writes++;
            }
        }
        return check;
    }

    private IoResult check(int p, int size) {
        if (p < port || p >= port + length) {
            return IoResult.INVALID_REGISTER;
        }
        return size == 1 || size == 2 || size == 4 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    @Override
    public synchronized void reset() {
        lastValue = -1;
        lastPort = -1;
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.hex("port", port).field("length", length).field("writes", writes);
        if (lastPort >= 0) {
            node.hex("last_port", lastPort).hex("last_value", lastValue);
        }
    }
}
