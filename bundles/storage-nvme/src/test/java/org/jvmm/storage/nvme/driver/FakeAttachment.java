package org.jvmm.storage.nvme.driver;

import java.util.ArrayList;
import java.util.Collections;
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
import org.jvmm.chipset.api.PortIoMapper;

/** A PCI attachment for the mock driver: an MMIO map it dispatches through, recorded MSIs, one INTx line. */
public final class FakeAttachment implements PciAttachment {
    /** One message: address and data. */
    public record Msi(long address, int data) {
    }

    public final List<Msi> msis = Collections.synchronizedList(new ArrayList<>());
    public volatile boolean intx;
    private final Map<MmioRange, MmioIntercept> mapped = new LinkedHashMap<>();

    @Override
    public PciAddress address() {
        return new PciAddress(0, 4, 0);
    }

    @Override
    public boolean integrated() {
        return true;
    }

    @Override
    public LineInterrupt intx(int pin) {
        return high -> intx = high;
    }

    @Override
    public MsiSink msi() {
        return (address, data) -> msis.add(new Msi(address, data));
    }

    @Override
    public MmioMapper mmio() {
        return new MmioMapper() {
            @Override
            public void map(MmioRange range, MmioIntercept target) {
                synchronized (FakeAttachment.this) {
                    mapped.put(range, target);
                }
            }

            @Override
            public void unmap(MmioRange range) {
                synchronized (FakeAttachment.this) {
                    mapped.remove(range);
                }
            }
        };
    }

    @Override
    public PortIoMapper io() {
        throw new AssertionError("the NVMe controller has no I/O BARs");
    }

    /** A guest read: all ones when nothing answers. */
    public long read(long address, int size) {
        IoValue v = new IoValue();
        return target(address).mmioRead(address, size, v) == IoResult.OK ? v.get() : -1L >>> (64 - size * 8);
    }

    public IoResult write(long address, int size, long value) {
        return target(address).mmioWrite(address, size, value);
    }

    private synchronized MmioIntercept target(long address) {
        for (Map.Entry<MmioRange, MmioIntercept> e : mapped.entrySet()) {
            if (e.getKey().contains(address)) {
                return e.getValue();
            }
        }
        throw new AssertionError(String.format("nothing mapped at 0x%x", address));
    }
}
