package org.jvmm.chipset.impl.i8042;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.PowerControl;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.inspect.InspectNode;

/** The i8042 on ports 0x60 (data) and 0x64 (status/command), byte accesses only. */
public final class I8042Device implements ChipsetDevice, PortIoIntercept {
    static final int DATA = 0x60, COMMAND = 0x64;
    private static final List<PortRange> RANGES = List.of(new PortRange("i8042-data", DATA, 1),
            new PortRange("i8042-command", COMMAND, 1));

    private final I8042 controller;
    private final PowerControl power;

    public I8042Device(LineInterrupt irq1, LineInterrupt irq12, PowerControl power) {
        this.controller = new I8042(irq1, irq12);
        this.power = power;
    }

    @Override
    public String name() {
        return "i8042";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    /** Unit {@code chipset.i8042}: controller registers, output queue, keyboard and mouse. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.i8042";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (controller) {
                    return StateCodec.write(controller.state()::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                I8042State[] read = new I8042State[1];
                StateCodec.read(this, version, state, in -> read[0] = I8042State.read(in));
                synchronized (controller) {
                    controller.restore(read[0]);
                }
            }
        });
    }

    @Override
    public List<PortRange> portRanges() {
        return RANGES;
    }

    @Override
    public IoResult ioRead(int port, int size, IoValue out) {
        if (port != DATA && port != COMMAND) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (controller) {
            out.set(port == DATA ? controller.readData() : controller.readStatus());
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        if (port != DATA && port != COMMAND) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 1) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        boolean reset;
        synchronized (controller) {
            if (port == DATA) {
                controller.writeData((int) value & 0xFF);
            } else {
                controller.writeCommand((int) value & 0xFF);
            }
            reset = controller.takeResetRequest();
        }
        if (reset) {
            power.reset();
        }
        return IoResult.OK;
    }

    @Override
    public void reset() {
        synchronized (controller) {
            controller.reset();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        synchronized (controller) {
            controller.inspect(node);
        }
    }
}
