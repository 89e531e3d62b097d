package org.jvmm.chipset.impl.pic;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.inspect.InspectNode;

/** The 8259A pair on ports 0x20/0x21, 0xA0/0xA1 and ELCR 0x4D0/0x4D1; byte accesses only. */
public final class PicDevice implements ChipsetDevice, PortIoIntercept, InterruptController {
    static final int MASTER = 0x20, SLAVE = 0xA0, ELCR = 0x4D0;
    private static final List<PortRange> RANGES = List.of(new PortRange("pic-master", MASTER, 2),
            new PortRange("pic-slave", SLAVE, 2), new PortRange("pic-elcr", ELCR, 2));

    private final DualPic pic;

    public PicDevice(CpuInterrupts cpu) {
        this.pic = new DualPic(cpu);
    }

    @Override
    public String name() {
        return "pic";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    /** Unit {@code chipset.pic}: both 8259s and the pending INTR. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.pic";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (pic) {
                    return StateCodec.write(pic::save);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                synchronized (pic) {
                    StateCodec.read(this, version, state, pic::restore);
                }
            }
        });
    }

    @Override
    public Optional<InterruptController> interruptController() {
        return Optional.of(this);
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
        synchronized (pic) {
            out.set(switch (port) {
                case MASTER -> pic.master().readCommand();
                case MASTER + 1 -> pic.master().readData();
                case SLAVE -> pic.slave().readCommand();
                case SLAVE + 1 -> pic.slave().readData();
                case ELCR -> pic.master().elcr();
                default -> pic.slave().elcr();
            });
            pic.update();
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
        synchronized (pic) {
            switch (port) {
                case MASTER -> pic.master().writeCommand(v);
                case MASTER + 1 -> pic.master().writeData(v);
                case SLAVE -> pic.slave().writeCommand(v);
                case SLAVE + 1 -> pic.slave().writeData(v);
                case ELCR -> pic.master().writeElcr(v);
                default -> pic.slave().writeElcr(v);
            }
            pic.update();
        }
        return IoResult.OK;
    }

    private static boolean claims(int port) {
        return port == MASTER || port == MASTER + 1 || port == SLAVE || port == SLAVE + 1
                || port == ELCR || port == ELCR + 1;
    }

    @Override
    public Kind kind() {
        return Kind.PIC;
    }

    @Override
    public int pins() {
        return 16;
    }

    @Override
    public void setInput(int pin, boolean high) {
        if (pin < 0 || pin >= 16) {
            return;
        }
        synchronized (pic) {
            pic.setInput(pin, high);
        }
    }

    @Override
    public int acknowledge() {
        synchronized (pic) {
            return pic.acknowledge();
        }
    }

    @Override
    public void reset() {
        synchronized (pic) {
            pic.reset();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        synchronized (pic) {
            pic.inspect(node);
        }
    }
}
