package org.jvmm.chipset.impl.rtc;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PollDevice;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.VmClock;
import org.jvmm.chipset.impl.DeviceTimeBase;
import org.jvmm.chipset.api.Waker;
import org.jvmm.guestmem.GuestMemoryLayout;
import org.jvmm.inspect.InspectNode;

/**
 * The RTC/CMOS on ports 0x70 (index, bit 7 masks NMI) and 0x71 (data), byte accesses only; polled
 * at the next periodic or once-a-second flag while those interrupts are enabled. The chip runs on
 * the device's own time base, the VM clock plus an offset that a restore sets so the guest's clock
 * and the periodic interrupt continue where they stopped.
 */
public final class RtcDevice implements ChipsetDevice, PortIoIntercept, PollDevice {
    static final int INDEX = 0x70, DATA = 0x71;
    private static final List<PortRange> RANGES = List.of(new PortRange("rtc", INDEX, 2));

    private final Mc146818 rtc;
    private final DeviceTimeBase time;
    private volatile Waker waker;
    private int index;
    private boolean nmiDisabled;

    public RtcDevice(LineInterrupt irq8, VmClock clock, GuestMemoryLayout layout, long startEpochNanos) {
        this.time = new DeviceTimeBase(clock);
        this.rtc = new Mc146818(irq8, layout, startEpochNanos, clock.nanos());
    }

    /** Lets register writes that change the interrupt schedule wake the poller. */
    void setWaker(Waker waker) {
        this.waker = waker;
    }

    @Override
    public String name() {
        return "rtc";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    @Override
    public Optional<PollDevice> poll() {
        return Optional.of(this);
    }

    /** Device time now; callers hold the lock. */
    private long now() {
        return time.now();
    }

    /** Unit {@code chipset.mc146818}: CMOS, registers A..D, the guest's time and the index port. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.mc146818";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (rtc) {
                    return StateCodec.write(new RtcState(now(), index, nmiDisabled, rtc.state())::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                RtcState[] read = new RtcState[1];
                StateCodec.read(this, version, state, in -> read[0] = RtcState.read(in));
                synchronized (rtc) {
                    time.continueFrom(read[0].nanos());
                    index = read[0].index();
                    nmiDisabled = read[0].nmiDisabled();
                    rtc.restore(read[0].chip());
                }
                wake();
            }
        });
    }

    private void wake() {
        Waker w = waker;
        if (w != null) {
            w.wake();
        }
    }

    @Override
    public List<PortRange> portRanges() {
        return RANGES;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        if (port != INDEX && port != DATA) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (rtc) {
            out.set(port == INDEX ? 0xFF : rtc.read(index, now()));
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        if (port != INDEX && port != DATA) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        int v = (int) value & 0xFF;
        boolean schedule = false;
        synchronized (rtc) {
            if (port == INDEX) {
                index = v & 0x7F;
                nmiDisabled = (v & 0x80) != 0;
            } else {
                rtc.write(index, v, now());
                schedule = index == Mc146818.REG_A || index == Mc146818.REG_B;
            }
        }
        if (schedule) {
            wake();
        }
        return IoResult.OK;
    }

    /** Whether the guest masked NMIs through port 0x70 bit 7. */
    public boolean nmiDisabled() {
        synchronized (rtc) {
            return nmiDisabled;
        }
    }

    @Override
    public long poll(long nowNanos) {
        synchronized (rtc) {
            return time.toVm(rtc.poll(time.fromVm(nowNanos)));
        }
    }

    @Override
    public void reset() {
        synchronized (rtc) {
            index = 0;
            nmiDisabled = false;
            rtc.reset(now());
        }
    }

    @Override
    public void inspect(InspectNode node) {
        synchronized (rtc) {
            node.hex("index", index).field("nmi_disabled", nmiDisabled);
            rtc.inspect(node, now());
        }
    }
}
