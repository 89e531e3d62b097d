package org.jvmm.chipset.impl.ioapic;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.CpuInterrupts;
import org.jvmm.chipset.api.InterruptController;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.inspect.InspectNode;

/**
 * The I/O APIC's 4 KiB MMIO window: IOREGSEL (0x00, 1..4 bytes), IOWIN (0x10; reads 1..4 bytes,
 * writes 4 bytes) and the EOI register (0x40, version 0x20).
 */
public final class IoApicDevice implements ChipsetDevice, MmioIntercept, InterruptController {
    static final int IOREGSEL = 0x00, IOWIN = 0x10, EOI = 0x40;
    static final long WINDOW = 0x1000;

    private final long base;
    private final int pins;
    private final IoApic ioapic;
    private final List<MmioRange> ranges;

    public IoApicDevice(long base, int pins, int version, int id, CpuInterrupts cpu) {
        this.base = base;
        this.pins = pins;
        this.ioapic = new IoApic(pins, version, id, cpu);
        this.ranges = List.of(new MmioRange("ioapic", base, WINDOW));
    }

    @Override
    public String name() {
        return "ioapic";
    }

    @Override
    public Optional<MmioIntercept> mmio() {
        return Optional.of(this);
    }

    @Override
    public Optional<InterruptController> interruptController() {
        return Optional.of(this);
    }

    /** Unit {@code chipset.ioapic}: id, IOREGSEL, input levels and the redirection table. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.ioapic";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (ioapic) {
                    return StateCodec.write(ioapic.state()::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                IoApicState[] read = new IoApicState[1];
                StateCodec.read(this, version, state, in -> read[0] = IoApicState.read(in, pins));
                synchronized (ioapic) {
                    ioapic.restore(read[0]);
                }
            }
        });
    }

    @Override
    public List<MmioRange> mmioRanges() {
        return ranges;
    }

    @Override
    public IoResult mmioRead(long address, int size, IoValue out) {
        long offset = address - base;
        if (offset != IOREGSEL && offset != IOWIN) {
            return offset == EOI ? IoResult.UNSUPPORTED : IoResult.INVALID_REGISTER;
        }
        if (size != 1 && size != 2 && size != 4) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        long mask = (1L << (size * 8)) - 1;
        synchronized (ioapic) {
            out.set((offset == IOREGSEL ? ioapic.select() : ioapic.readWindow() & 0xFFFF_FFFFL) & mask);
        }
        return IoResult.OK;
    }

    @Override
    public IoResult mmioWrite(long address, int size, long value) {
        long offset = address - base;
        if (offset != IOREGSEL && offset != IOWIN && offset != EOI) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != 4 && (offset == IOWIN || (size != 1 && size != 2))) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (ioapic) {
            if (offset == IOREGSEL) {
                ioapic.setSelect((int) value);
            } else if (offset == IOWIN) {
                ioapic.writeWindow((int) value);
            } else {
                ioapic.endOfInterrupt((int) value & 0xFF);
            }
        }
        return IoResult.OK;
    }

    @Override
    public Kind kind() {
        return Kind.IOAPIC;
    }

    @Override
    public int pins() {
        return pins;
    }

    @Override
    public void setInput(int pin, boolean high) {
        synchronized (ioapic) {
            ioapic.setInput(pin, high);
        }
    }

    @Override
    public void endOfInterrupt(int vector) {
        synchronized (ioapic) {
            ioapic.endOfInterrupt(vector);
        }
    }

    @Override
    public void reset() {
        synchronized (ioapic) {
            ioapic.reset();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        node.hex("base", base);
        synchronized (ioapic) {
            ioapic.inspect(node);
        }
    }
}
