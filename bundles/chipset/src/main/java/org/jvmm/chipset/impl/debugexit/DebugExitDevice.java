package org.jvmm.chipset.impl.debugexit;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.inspect.InspectNode;

/**
 * QEMU's {@code isa-debug-exit}: a write of V at any of its ports records the exit status
 * {@code (V << 1) | 1} and asks the VMM to exit with it ({@link PowerControl#exit}); inspect
 * shows it as {@code exit_status}. Reads return 0.
 */
public final class DebugExitDevice implements ChipsetDevice, PortIoIntercept {
    private final int port;
    private final int length;
    private final PowerControl power;
    private final List<PortRange> ranges;
    private int exitStatus = -1;

    public DebugExitDevice(int port, int length, PowerControl power) {
        this.port = port;
        this.length = length;
        this.power = power;
        this.ranges = List.of(new PortRange("debug-exit", port, length));
    }

    @Override
    public String name() {
        return "debug_exit";
    }

    /** Nothing guest-visible to save beyond the configuration. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(StateUnit.stateless("chipset.debug_exit"));
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
            out.set(0);
        }
        return check;
    }

    @Override
    public IoResult ioWrite(int p, int size, long value) {
        IoResult check = check(p, size);
        if (check != IoResult.OK) {
            return check;
        }
        long v = value & ((1L << (8 * size)) - 1);
        int status = (int) (v << 1 | 1);
        synchronized (this) {
            exitStatus = status;
        }
        power.exit(status);
        return IoResult.OK;
    }

    private IoResult check(int p, int size) {
        if (p < port || p >= port + length) {
            return IoResult.INVALID_REGISTER;
        }
        return size == 1 || size == 2 || size == 4 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    /** The status the guest asked to exit with, if it has written the port. */
    public synchronized OptionalInt exitStatus() {
        return exitStatus < 0 ? OptionalInt.empty() : OptionalInt.of(exitStatus);
    }

    @Override
    public synchronized void reset() {
        // the status survives a VM reset: the request to exit stands
    }

    @Override
    public synchronized void inspect(InspectNode node) {
        node.hex("port", port).field("length", length);
        if (exitStatus >= 0) {
            node.field("exit_status", exitStatus);
        }
    }
}
