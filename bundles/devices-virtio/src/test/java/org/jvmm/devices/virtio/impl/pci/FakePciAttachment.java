package org.jvmm.devices.virtio.impl.pci;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioIntercept;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MmioRange;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachment;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortIoMapper;
import org.jvmm.chipset.api.PortRange;
import org.jvmm.devices.virtio.driver.FakeLine;

/**
 * What a PCI host gives a function, for tests: an MMIO map that refuses overlaps and dispatches guest
 * accesses to whatever is mapped, recorded MSIs, and one INTx line per pin. I/O BARs are refused.
 */
final class FakePciAttachment implements PciAttachment, MmioMapper, MsiSink {
    /** One recorded message. */
    record Msi(long address, int data) {
    }

    private final Map<MmioRange, MmioIntercept> mapped = new LinkedHashMap<>();
    private final List<Msi> msis = new ArrayList<>();
    private final FakeLine[] lines = {new FakeLine(), new FakeLine(), new FakeLine(), new FakeLine()};
    private final IoValue value = new IoValue();

    @Override
    public PciAddress address() {
        return new PciAddress(1, 0, 0);
    }

    @Override
    public boolean integrated() {
        return false;
    }

    @Override
    public LineInterrupt intx(int pin) {
        if (pin < 1 || pin > 4) {
            throw new IllegalArgumentException("pin " + pin);
        }
        return lines[pin - 1];
    }

    FakeLine line(int pin) {
        return lines[pin - 1];
    }

    @Override
    public MsiSink msi() {
        return this;
    }

    @Override
    public synchronized void signal(long address, int data) {
        msis.add(new Msi(address, data));
    }

    /** The messages sent since the last call. */
    synchronized List<Msi> takeMsis() {
        List<Msi> out = List.copyOf(msis);
        msis.clear();
        return out;
    }

    @Override
    public MmioMapper mmio() {
        return this;
    }

    @Override
    public PortIoMapper io() {
        return new PortIoMapper() {
            @Override
            public void map(PortRange range, PortIoIntercept target) {
                throw new IllegalArgumentException("no I/O window");
            }

            @Override
            public void unmap(PortRange range) {
                throw new IllegalArgumentException("not mapped");
            }
        };
    }

    @Override
    public synchronized void map(MmioRange range, MmioIntercept target) {
        for (MmioRange r : mapped.keySet()) {
            if (r.start() < range.start() + range.length() && range.start() < r.start() + r.length()) {
                throw new IllegalArgumentException(range.name() + " overlaps " + r.name());
            }
        }
        mapped.put(range, target);
    }

    @Override
    public synchronized void unmap(MmioRange range) {
        if (mapped.remove(range) == null) {
            throw new IllegalArgumentException(range.name() + " is not mapped");
        }
    }

    synchronized List<MmioRange> ranges() {
        return List.copyOf(mapped.keySet());
    }

    /** A guest read (from the test thread); {@link IoResult#INVALID_REGISTER} where nothing is mapped. */
    IoResult read(long address, int size) {
        MmioIntercept t = target(address);
        return t == null ? IoResult.INVALID_REGISTER : t.mmioRead(address, size, value);
    }

    /** The value of the last successful {@link #read}. */
    long lastValue() {
        return value.get();
    }

    IoResult write(long address, int size, long v) {
        MmioIntercept t = target(address);
        return t == null ? IoResult.INVALID_REGISTER : t.mmioWrite(address, size, v);
    }

    private synchronized MmioIntercept target(long address) {
        for (Map.Entry<MmioRange, MmioIntercept> e : mapped.entrySet()) {
            if (e.getKey().contains(address)) {
                return e.getValue();
            }
        }
        return null;
    }
}
