package org.jvmm.pci.testing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.LineInterrupt;
import org.jvmm.chipset.api.MmioMapper;
import org.jvmm.chipset.api.MsiSink;
import org.jvmm.chipset.api.PciAddress;
import org.jvmm.chipset.api.PciAttachment;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortIoMapper;
import org.jvmm.chipset.api.PortRange;

/** A PCI attachment for device-side tests: fake MMIO and port maps, recorded MSIs, INTx lines per pin. */
public final class FakeAttachment implements PciAttachment {
    public final FakeMmio mmio = new FakeMmio();
    public final Map<PortRange, PortIoIntercept> ports = new LinkedHashMap<>();
    public final List<Msi> msis = Collections.synchronizedList(new ArrayList<>());
    public final Map<Integer, FakeLine> lines = new LinkedHashMap<>();
    private final PciAddress address;
    private final boolean integrated;

    public FakeAttachment(PciAddress address, boolean integrated) {
        this.address = address;
        this.integrated = integrated;
    }

    @Override
    public PciAddress address() {
        return address;
    }

    @Override
    public boolean integrated() {
        return integrated;
    }

    @Override
    public synchronized LineInterrupt intx(int pin) {
        return lines.computeIfAbsent(pin, p -> new FakeLine());
    }

    public synchronized FakeLine line(int pin) {
        return lines.computeIfAbsent(pin, p -> new FakeLine());
    }

    @Override
    public MsiSink msi() {
        return (a, d) -> msis.add(new Msi(a, d));
    }

    @Override
    public MmioMapper mmio() {
        return mmio;
    }

    @Override
    public PortIoMapper io() {
        return new PortIoMapper() {
            @Override
            public void map(PortRange range, PortIoIntercept target) {
                if (range.start() + range.length() > 0x10000 || range.start() < 0x1000) {
                    throw new IllegalArgumentException("outside the I/O window");
                }
                ports.put(range, target);
            }

            @Override
            public void unmap(PortRange range) {
                if (ports.remove(range) == null) {
                    throw new IllegalArgumentException("not mapped");
                }
            }
        };
    }

    /** An I/O read through whatever is mapped at {@code port}; -1 when nothing is. */
    public long ioRead(int port, int size) {
        for (Map.Entry<PortRange, PortIoIntercept> e : ports.entrySet()) {
            if (e.getKey().contains(port)) {
                IoValue v = new IoValue();
                return e.getValue().ioRead(port, size, v) == IoResult.OK ? v.get() : -1;
            }
        }
        return -1;
    }
}
