package org.jvmm.chipset.impl.pit;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.ChipsetServices;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.impl.DeviceTimeBase;
import org.jvmm.chipset.api.Waker;
import org.jvmm.inspect.InspectNode;

/**
 * The 8254 on ports 0x40..0x43 and 0x61 (byte accesses only). Channel 0's OUT rising edges are
 * pulses on ISA IRQ 0, delivered from {@link #poll} at the edge's deadline; a guest write to
 * channel 0 wakes the poller so the new deadline takes effect. The PIT runs on its own time base,
 * the VM clock plus an offset that a restore sets so the restored timer continues where it stopped.
 */
public final class PitDevice implements ChipsetDevice, PortIoIntercept, PollDevice {
    static final int BASE = 0x40, CONTROL = 0x43, PORT_B = 0x61;
    private static final List<PortRange> RANGES = List.of(new PortRange("pit", BASE, 4),
            new PortRange("pit-port-b", PORT_B, 1));

    private final Pit8254 pit = new Pit8254();
    private final LineInterrupt irq0;
    private final DeviceTimeBase time;
    private final Waker waker;
    /** PIT time of the last IRQ 0 poll. */
    private long lastPollNanos;
    private long irqs;

    public PitDevice(ChipsetServices services) {
        this.irq0 = services.lineInterrupt(0);
        this.time = new DeviceTimeBase(services.clock());
        this.waker = services.waker(this);
        this.lastPollNanos = time.now();
    }

    @Override
    public String name() {
        return "pit";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public Optional<PollDevice> poll() {
        return Optional.of(this);
    }

    /** PIT time now; callers hold the lock. */
    private long now() {
        return time.now();
    }

    /** Unit {@code chipset.pit8254}: the three channels, port B and the PIT's time base. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.pit8254";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (pit) {
                    return StateCodec.write(saved()::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                PitState[] read = new PitState[1];
                StateCodec.read(this, version, state, in -> read[0] = PitState.read(in));
                synchronized (pit) {
                    apply(read[0]);
                }
                waker.wake();
            }
        });
    }

    private PitState saved() {
        return new PitState(now(), lastPollNanos, pit.portBLatch(),
                List.of(pit.channel(0).state(), pit.channel(1).state(), pit.channel(2).state()));
    }

    private void apply(PitState s) {
        time.continueFrom(s.nanos());
        lastPollNanos = s.lastPollNanos();
        pit.restore(s.portB(), s.channels());
    }

    @Override
    public List<PortRange> portRanges() {
        return RANGES;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        if (!claims(port)) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (pit) {
            long now = now();
            out.set(switch (port) {
                case PORT_B -> pit.readPortB(now);
                case CONTROL -> 0xFF; // the control port is write-only
                default -> pit.readCounter(port - BASE, now);
            });
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        if (!claims(port)) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        int v = (int) value & 0xFF;
        boolean rearm;
        synchronized (pit) {
            long now = now();
            switch (port) {
                case PORT_B -> pit.writePortB(v, now);
                case CONTROL -> pit.writeControl(v, now);
                default -> pit.writeCounter(port - BASE, v, now);
            }
            rearm = port == BASE || (port == CONTROL && (v & 0x30) != 0 && (v >>> 6) == 0);
            if (rearm) {
                lastPollNanos = now;
            }
        }
        if (rearm) {
            waker.wake();
        }
        return IoResult.OK;
    }

    private static boolean claims(int port) {
        return (port >= BASE && port <= CONTROL) || port == PORT_B;
    }

    @Override
    public long poll(long nowNanos) {
        boolean edge;
        long next;
        synchronized (pit) {
            long now = time.fromVm(nowNanos);
            edge = now > lastPollNanos && pit.irq0EdgeBetween(lastPollNanos, now);
            lastPollNanos = Math.max(lastPollNanos, now);
            long due = pit.nextIrq0(lastPollNanos);
            next = time.toVm(due);
            if (edge) {
                irqs++;
            }
        }
        if (edge) {
            irq0.pulse();
        }
        return next;
    }

    @Override
    public void reset() {
        synchronized (pit) {
            pit.reset();
            lastPollNanos = now();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        synchronized (pit) {
            pit.inspect(node, now());
            node.field("irq0_pulses", irqs);
        }
    }
}
