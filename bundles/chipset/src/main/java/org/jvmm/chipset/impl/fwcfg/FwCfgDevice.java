package org.jvmm.chipset.impl.fwcfg;

import java.util.List;
import java.util.Optional;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.chipset.api.StateCodec;
import org.jvmm.chipset.api.StateUnit;
import org.jvmm.chipset.api.StateUnitException;
import org.jvmm.chipset.api.FwCfgItems;
import org.jvmm.chipset.resources.FwCfgHandle;
import org.jvmm.guestmem.GuestMemory;
import org.jvmm.inspect.InspectNode;

/**
 * fw_cfg on x86 ports: the selector (0x510, 16-bit writes), data (0x511, byte reads) and the DMA
 * address registers (0x514 high, 0x518 low; 32-bit, big-endian, reading "QEMU CFG").
 */
public final class FwCfgDevice implements ChipsetDevice, PortIoIntercept {
    static final int SELECTOR = FwCfgHandle.SELECTOR_PORT, DATA = FwCfgHandle.DATA_PORT,
            DMA_HIGH = FwCfgHandle.DMA_PORT, DMA_LOW = FwCfgHandle.DMA_PORT + 4;
    /** "QEMU CFG" as the two big-endian halves the guest reads. */
    static final int DMA_SIGNATURE_HIGH = 0x5145_4D55, DMA_SIGNATURE_LOW = 0x2043_4647;
    private static final List<PortRange> RANGES = List.of(new PortRange("fw-cfg", SELECTOR, 2),
            new PortRange("fw-cfg-dma", DMA_HIGH, 8));

    private final FwCfg fwCfg;

    public FwCfgDevice(FwCfgItems items, GuestMemory memory) {
        this.fwCfg = new FwCfg(items, memory);
    }

    @Override
    public String name() {
        return "fw_cfg";
    }

    @Override
    public Optional<PortIoIntercept> portIo() {
        return Optional.of(this);
    }

    /** Unit {@code chipset.fw_cfg}: selector, read offset and DMA address register; items are configuration. */
    @Override
    public Optional<StateUnit> state() {
        return Optional.of(new StateUnit() {
            @Override
            public String unitName() {
                return "chipset.fw_cfg";
            }

            @Override
            public int version() {
                return 1;
            }

            @Override
            public byte[] save() {
                synchronized (fwCfg) {
                    return StateCodec.write(fwCfg.state()::write);
                }
            }

            @Override
            public void restore(int version, byte[] state) throws StateUnitException {
                FwCfgState[] read = new FwCfgState[1];
                StateCodec.read(this, version, state, in -> read[0] = FwCfgState.read(in));
                synchronized (fwCfg) {
                    fwCfg.restore(read[0]);
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
        switch (port) {
            case DATA -> {
                if (size != 1) {
                    return IoResult.INVALID_ACCESS_SIZE;
                }
                synchronized (fwCfg) {
                    out.set(fwCfg.readData());
                }
            }
            case DMA_HIGH, DMA_LOW -> {
                if (size != 4) {
                    return IoResult.INVALID_ACCESS_SIZE;
                }
                int be = port == DMA_HIGH ? DMA_SIGNATURE_HIGH : DMA_SIGNATURE_LOW;
                out.set(Integer.reverseBytes(be) & 0xFFFF_FFFFL);
            }
            case SELECTOR -> {
                return IoResult.UNSUPPORTED;
            }
            default -> {
                return IoResult.INVALID_REGISTER;
            }
        }
        return IoResult.OK;
    }

    @Override
    public IoResult ioWrite(int port, int size, long value) {
        int expected = switch (port) {
            case SELECTOR -> 2;
            case DMA_HIGH, DMA_LOW -> 4;
            case DATA -> 1;
            default -> 0;
        };
        if (expected == 0) {
            return IoResult.INVALID_REGISTER;
        }
        if (size != expected) {
            return IoResult.INVALID_ACCESS_SIZE;
        }
        synchronized (fwCfg) {
            switch (port) {
                case SELECTOR -> fwCfg.select((int) value);
                case DMA_HIGH -> fwCfg.writeDmaHigh(Integer.reverseBytes((int) value));
                case DMA_LOW -> fwCfg.writeDmaLow(Integer.reverseBytes((int) value));
                default -> {
                    return IoResult.UNSUPPORTED; // data writes: QEMU 2.4+ refuses them too
                }
            }
        }
        return IoResult.OK;
    }

    @Override
    public void reset() {
        synchronized (fwCfg) {
            fwCfg.reset();
        }
    }

    @Override
    public void inspect(InspectNode node) {
        synchronized (fwCfg) {
            fwCfg.inspect(node);
        }
    }
}
