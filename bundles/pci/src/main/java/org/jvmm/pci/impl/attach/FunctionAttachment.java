package org.jvmm.pci.impl.attach;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
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

/**
 * One attached function's view of the host. It refuses memory ranges outside the host's windows,
 * remembers what it mapped and which INTx sources it handed out, and {@link #close} undoes it
 * all: ranges unmapped, INTx deasserted, later calls dead. Thread-safe.
 */
public final class FunctionAttachment implements PciAttachment {
    private static final System.Logger LOG = System.getLogger(FunctionAttachment.class.getName());

    private final PciAddress address;
    private final boolean integrated;
    private final IntxRouter intx;
    private final int rootDevice;
    private final int rotation;
    private final MsiSink msi;
    private final MmioMapper mmioTarget;
    private final MmioWindows windows;
    private final PortIoMapper ioTarget;
    private final List<MmioRange> mmioMapped = new ArrayList<>();
    private final List<PortRange> ioMapped = new ArrayList<>();
    private final List<IntxRouter.Source> sources = new ArrayList<>();
    private final MmioMapper mmio = new TrackedMmio();
    private final PortIoMapper io = new TrackedIo();
    private volatile boolean closed;

    /**
     * @param rootDevice the device number on the root bus this function's INTx is routed by
     * @param rotation   the swizzle added on the way up (sum of device numbers below the root bus)
     */
    public FunctionAttachment(PciAddress address, boolean integrated, IntxRouter intx, int rootDevice, int rotation,
            MsiSink msi, MmioMapper mmio, MmioWindows windows, PortIoMapper io) {
        this.address = address;
        this.integrated = integrated;
        this.intx = intx;
        this.rootDevice = rootDevice;
        this.rotation = rotation;
        this.msi = msi;
        this.mmioTarget = mmio;
        this.windows = windows;
        this.ioTarget = io;
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
        if (pin < 1 || pin > 4) {
            throw new IllegalArgumentException("intx: pin must be 1..4 (INTA..INTD), got " + pin);
        }
        IntxRouter.Source s = intx.source(rootDevice, IntxRouter.swizzle(pin, rotation));
        if (closed) {
            s.close();
        } else {
            sources.add(s);
        }
        return s;
    }

    /** The GSI pin {@code pin} of this function reaches. */
    public int gsi(int pin) {
        return intx.gsi(rootDevice, IntxRouter.swizzle(pin, rotation));
    }

    @Override
    public MsiSink msi() {
        return (a, d) -> {
            if (!closed) {
                msi.signal(a, d);
            }
        };
    }

    @Override
    public MmioMapper mmio() {
        return mmio;
    }

    @Override
    public PortIoMapper io() {
        return io;
    }

    public boolean closed() {
        return closed;
    }

    /** Detached: unmaps every range still mapped, deasserts INTx, refuses further mappings. */
    public synchronized void close() {
        closed = true;
        for (MmioRange r : mmioMapped) {
            try {
                mmioTarget.unmap(r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pci " + address + ": unmapping " + r + " on detach failed: " + e.getMessage());
            }
        }
        for (PortRange r : ioMapped) {
            try {
                ioTarget.unmap(r);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "pci " + address + ": unmapping " + r + " on detach failed: " + e.getMessage());
            }
        }
        mmioMapped.clear();
        ioMapped.clear();
        sources.forEach(IntxRouter.Source::close);
        sources.clear();
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("pci " + address + " is detached");
        }
    }

    private final class TrackedMmio implements MmioMapper {
        @Override
        public void map(MmioRange range, MmioIntercept target) {
            synchronized (FunctionAttachment.this) {
                checkOpen();
                if (!windows.contains(range)) {
                    throw new IllegalArgumentException(String.format("%s at 0x%x (0x%x bytes) is outside the PCI MMIO"
                            + " windows", range.name(), range.start(), range.length()));
                }
                mmioTarget.map(range, target);
                mmioMapped.add(range);
            }
        }

        @Override
        public void unmap(MmioRange range) {
            synchronized (FunctionAttachment.this) {
                if (closed) {
                    return;
                }
                if (!mmioMapped.remove(range)) {
                    throw new IllegalArgumentException(range + " is not mapped by " + address);
                }
                mmioTarget.unmap(range);
            }
        }
    }

    private final class TrackedIo implements PortIoMapper {
        @Override
        public void map(PortRange range, PortIoIntercept target) {
            synchronized (FunctionAttachment.this) {
                checkOpen();
                ioTarget.map(range, target);
                ioMapped.add(range);
            }
        }

        @Override
        public void unmap(PortRange range) {
            synchronized (FunctionAttachment.this) {
                if (closed) {
                    return;
                }
                if (!ioMapped.remove(range)) {
                    throw new IllegalArgumentException(range + " is not mapped by " + address);
                }
                ioTarget.unmap(range);
            }
        }
    }
}
