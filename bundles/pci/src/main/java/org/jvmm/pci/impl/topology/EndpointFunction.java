package org.jvmm.pci.impl.topology;

import java.lang.System.Logger.Level;
import org.jvmm.chipset.api.ChipsetDevice;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PciConfigIntercept;
import org.jvmm.chipset.api.PciConfigMaskedWrite;
import org.jvmm.inspect.InspectNode;
import org.jvmm.pci.api.PciRegisters;

/**
 * An attached device's function. Config cycles go to its {@link PciConfigIntercept}: with byte
 * enables when it implements {@link PciConfigMaskedWrite}, else whole dwords (a narrow write
 * becomes a read-modify-write). A failed read or a device that throws reads as all ones; the
 * failures are counted, and logged once.
 */
public final class EndpointFunction implements ConfigFunction {
    private static final System.Logger LOG = System.getLogger(EndpointFunction.class.getName());

    private final ChipsetDevice device;
    private final PciConfigIntercept config;
    private long failures;

    public EndpointFunction(ChipsetDevice device, PciConfigIntercept config) {
        this.device = device;
        this.config = config;
    }

    public ChipsetDevice device() {
        return device;
    }

    @Override
    public int read(int offset) {
        IoValue v = new IoValue();
        try {
            IoResult r = config.pciConfigRead(offset, v);
            if (r == IoResult.OK) {
                return (int) v.get();
            }
            failed("read", offset, r.toString());
        } catch (RuntimeException e) {
            failed("read", offset, e.toString());
        }
        return -1;
    }

    @Override
    public void write(int offset, int value, int byteEnables) {
        try {
            IoResult r;
            if (config instanceof PciConfigMaskedWrite masked) {
                r = masked.pciConfigWrite(offset, value, byteEnables);
            } else if (byteEnables == 0xF) {
                r = config.pciConfigWrite(offset, value);
            } else {
                r = config.pciConfigWrite(offset, PciRegisters.merge(read(offset), value, byteEnables));
            }
            if (r != IoResult.OK) {
                failed("write", offset, r.toString());
            }
        } catch (RuntimeException e) {
            failed("write", offset, e.toString());
        }
    }

    /** The device's reset belongs to the VM's chipset reset; nothing to do here. */
    @Override
    public void reset() {
        // the chipset resets every device, this one included
    }

    @Override
    public void hotReset() {
        try {
            device.reset();
        } catch (RuntimeException e) {
            failed("secondary bus reset", 0, e.toString());
        }
    }

    @Override
    public String describe() {
        return device.name();
    }

    @Override
    public void inspect(InspectNode node) {
        node.field("kind", "endpoint").field("device", device.name());
        if (failures > 0) {
            node.field("configFailures", failures);
        }
    }

    private void failed(String what, int offset, String why) {
        if (failures++ == 0) {
            LOG.log(Level.WARNING, String.format("pci device %s: config %s at 0x%x failed: %s", device.name(), what,
                    offset, why));
        }
    }
}
