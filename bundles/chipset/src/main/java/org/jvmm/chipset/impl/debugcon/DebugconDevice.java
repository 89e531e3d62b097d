package org.jvmm.chipset.impl.debugcon;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.inspect.InspectNode;

/**
 * The Bochs/QEMU debug console: each byte written to its port goes to the backend; reads return
 * 0xE9, the presence signature. Wider writes send their bytes in order, low byte first.
 */
public final class DebugconDevice implements ChipsetDevice, PortIoIntercept, AutoCloseable {
    static final int SIGNATURE = 0xE9;

    private final int port;
    private final SerialBackend backend;
    private final List<PortRange> ranges;
    private long bytes;

    public DebugconDevice(int port, SerialBackend backend) {
        this.port = port;
        this.backend = backend;
        this.ranges = List.of(new PortRange("debugcon", port, 1));
    }

    @Override
    public String name() {
        return "debugcon";
    }

    /** Nothing guest-visible to save beyond the configuration. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(StateUnit.stateless("chipset.debugcon"));
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
        if (p != port) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        out.set(SIGNATURE);
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int p, int size, long value) {
        if (p != port) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1 && size != 2 && size != 4) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (this) {
            for (int i = 0; i < size; i++) {
                backend.write((int) (value >>> (8 * i)) & 0xFF);
            }
            bytes += size;
        }
        return IoResult.OK;
    }

    @Override
    public void reset() {
        // no state: output already sent stays sent
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.hex("port", port).field("bytes", bytes);
    }

    @Override
    public void close() {
        backend.close();
    }
}
