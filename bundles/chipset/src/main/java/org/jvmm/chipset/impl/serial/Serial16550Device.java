package org.jvmm.chipset.impl.serial;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.serial.SerialBackend;
import org.jvmm.inspect.InspectNode;

/**
 * A 16550A on eight ports: byte accesses only, one lock around the {@link Uart16550}, polled when
 * the backend has input (its wake listener) and at the receive-timeout deadline. Transmitted bytes
 * go to the backend outside that lock, so a backend that blocks stalls only the writing processor.
 */
public final class Serial16550Device implements ChipsetDevice, PortIoIntercept, PollDevice, AutoCloseable {
    private final String name;
    private final int base;
    private final int irqNumber;
    private final SerialBackend backend;
    private final Uart16550 uart;
    private final List<PortRange> ranges;
    /** Keeps bytes of concurrent writers in order on their way to the backend. */
    private final Object txLock = new Object();

    public Serial16550Device(String name, int base, int irqNumber, LineInterrupt irq, VmClock clock,
            SerialBackend backend) {
        this.name = name;
        this.base = base;
        this.irqNumber = irqNumber;
        this.backend = backend;
        this.uart = new Uart16550(backend, irq, clock);
        this.ranges = List.of(new PortRange(name, base, 8));
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public Optional<PollDevice> poll() {
        return Optional.of(this);
    }

    @Override
    public List<PortRange> portRanges() {
        return ranges;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        int offset = port - base;
        if (offset < 0 || offset > 7) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (uart) {
            out.set(uart.read(offset));
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        int offset = port - base;
        if (offset < 0 || offset > 7) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        int tx;
        synchronized (uart) {
            tx = uart.write(offset, (int) value);
        }
        if (tx >= 0) {
            synchronized (txLock) {
                backend.write(tx);
            }
        }
        return IoResult.OK;
    }

    @Override
    public long poll(long nowNanos) {
        synchronized (uart) {
            return uart.poll();
        }
    }

    /** Unit {@code chipset.uart16550}: registers and receive FIFO; the backend keeps its own bytes. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.uart16550";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (uart) {
                    return StateCodec.write(uart::save);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                synchronized (uart) {
                    StateCodec.read(this, version, state, uart::restore);
                }
            }
        });
    }

    @Override
    public void reset() {
        synchronized (uart) {
            uart.reset();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.hex("port", base).field("irq_line", irqNumber);
        synchronized (uart) {
            uart.inspect(node);
        }
    }

    /** Closes the backend (its threads, sockets and files). */
    @Override
    public void close() {
        backend.close();
    }
}
