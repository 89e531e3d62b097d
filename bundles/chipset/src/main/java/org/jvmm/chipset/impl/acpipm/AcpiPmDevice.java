package org.jvmm.chipset.impl.acpipm;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.api.Waker;
import org.jvmm.chipset.resources.AcpiPmLayout;
import org.jvmm.inspect.InspectNode;

/**
 * The ACPI PM block on {@link AcpiPmLayout#BLOCK_LENGTH} ports from its base (1, 2 or 4 byte
 * accesses, composed byte by byte with one timer sample) and the reset control register at 0xCF9.
 * S5 powers the VM off and a reset-control write with RST_CPU resets it, through
 * {@link PowerControl} outside the lock.
 */
public final class AcpiPmDevice implements ChipsetDevice, PortIoIntercept, PollDevice {
    private final int base;
    private final AcpiPm pm;
    private final VmClock clock;
    private final PowerControl power;
    private final List<PortRange> ranges;
    private volatile Waker waker;

    public AcpiPmDevice(int base, LineInterrupt sci, VmClock clock, PowerControl power) {
        this.base = base;
        this.clock = clock;
        this.power = power;
        this.pm = new AcpiPm(sci, clock.nanos());
        this.ranges = List.of(new PortRange("acpi-pm", base, AcpiPmLayout.BLOCK_LENGTH),
                new PortRange("reset-control", AcpiPmLayout.RESET_PORT, 1));
    }

    /** Lets a write to PM1 enable (TMR_EN) wake the poller. */
    void setWaker(Waker waker) {
        this.waker = waker;
    }

    @Override
    public String name() {
        return "acpi_pm";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public Optional<PollDevice> poll() {
        return Optional.of(this);
    }

    /** Unit {@code chipset.acpi_pm}: PM1, GPE0, reset control and the PM timer's progress. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.acpi_pm";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (pm) {
                    return StateCodec.write(pm.state(clock.nanos())::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                AcpiPmState[] read = new AcpiPmState[1];
                StateCodec.read(this, version, state, in -> read[0] = AcpiPmState.read(in));
                synchronized (pm) {
                    pm.restore(read[0], clock.nanos());
                }
                Waker w = waker;
                if (w != null) {
                    w.wake();
                }
            }
        });
    }

    @Override
    public List<PortRange> portRanges() {
        return ranges;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        IoResult check = check(port, size);
        if (check != IoResult.OK) {
            return check;
        }
        synchronized (pm) {
            if (port == AcpiPmLayout.RESET_PORT) {
                out.set(pm.readResetControl());
                return IoResult.OK;
            }
            long now = clock.nanos();
            long value = 0;
            for (int i = 0; i < size; i++) {
                int offset = port - base + i;
                long b = AcpiPm.isRegister(offset) ? pm.readByte(offset, now) : 0xFF;
                value |= b << (8 * i);
            }
            out.set(value);
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        IoResult check = check(port, size);
        if (check != IoResult.OK) {
            return check;
        }
        AcpiPm.Request request;
        synchronized (pm) {
            if (port == AcpiPmLayout.RESET_PORT) {
                pm.writeResetControl((int) value & 0xFF);
            } else {
                long now = clock.nanos();
                for (int i = 0; i < size; i++) {
                    int offset = port - base + i;
                    if (AcpiPm.isRegister(offset)) {
                        pm.writeByte(offset, (int) (value >>> (8 * i)) & 0xFF, now);
                    }
                }
            }
            request = pm.takeRequest();
        }
        act(request);
        Waker w = waker;
        if (w != null && port != AcpiPmLayout.RESET_PORT && port - base < AcpiPmLayout.PM1_EVT_LENGTH) {
            w.wake();
        }
        return IoResult.OK;
    }

    private IoResult check(int port, int size) {
        if (port == AcpiPmLayout.RESET_PORT) {
            return size == 1 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
        }
        int offset = port - base;
        if (offset < 0 || offset >= AcpiPmLayout.BLOCK_LENGTH || !AcpiPm.isRegister(offset)) {
            return IoResult.INVALID_REGISTER;
        }
        return size == 1 || size == 2 || size == 4 ? IoResult.OK : IoResult.INVALID_ACCESS_SIZE;
    }

    private void act(AcpiPm.Request request) {
        switch (request) {
            case POWER_OFF -> power.powerOff();
            case RESET -> power.reset();
            case NONE -> { }
        }
    }

    /** Presses the power button (a graceful shutdown request to an ACPI guest). */
    public void pressPowerButton() {
        synchronized (pm) {
            pm.pressPowerButton();
        }
    }

    @Override
    public long poll(long nowNanos) {
        synchronized (pm) {
            return pm.poll(nowNanos);
        }
    }

    @Override
    public void reset() {
        synchronized (pm) {
            pm.reset(clock.nanos());
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.hex("base", base);
        synchronized (pm) {
            pm.inspect(node, clock.nanos());
        }
    }
}
