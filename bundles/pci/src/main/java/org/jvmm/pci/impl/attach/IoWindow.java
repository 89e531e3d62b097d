package org.jvmm.pci.impl.attach;

import org.jvmm.chipset.api.IoResult;
import org.jvmm.chipset.api.IoValue;
import org.jvmm.chipset.api.PortIoIntercept;
import org.jvmm.chipset.api.PortIoMapper;
import org.jvmm.chipset.api.PortRange;

/**
 * The I/O BAR window: the root complex claims its ports from the chipset and dispatches them to
 * the I/O BARs mapped here. Ports no BAR claims read as all ones (a master abort). Lookups are
 * lock-free; the table is replaced on every change.
 */
public final class IoWindow implements PortIoMapper {
    private record Entry(PortRange range, PortIoIntercept target) {
    }

    private final PortRange window;
    private volatile Entry[] ports;

    public IoWindow(PortRange window) {
        this.window = window;
        this.ports = new Entry[window.length()];
    }

    public PortRange window() {
        return window;
    }

    @Override
    public synchronized void map(PortRange range, PortIoIntercept target) {
        int start = range.start() - window.start();
        if (start < 0 || start + range.length() > window.length()) {
            throw new IllegalArgumentException(String.format("ports 0x%x-0x%x of %s are outside the PCI I/O window"
                    + " 0x%x-0x%x", range.start(), range.start() + range.length() - 1, range.name(), window.start(),
                    window.start() + window.length() - 1));
        }
        Entry[] copy = ports.clone();
        for (int i = start; i < start + range.length(); i++) {
            if (copy[i] != null) {
                throw new IllegalArgumentException(String.format("port 0x%x: %s overlaps %s", window.start() + i,
                        range.name(), copy[i].range().name()));
            }
            copy[i] = new Entry(range, target);
        }
        ports = copy;
    }

    @Override
    public synchronized void unmap(PortRange range) {
        int start = range.start() - window.start();
        Entry[] copy = ports.clone();
        boolean found = false;
        for (int i = Math.max(0, start); i < Math.min(copy.length, start + range.length()); i++) {
            if (copy[i] != null && copy[i].range().equals(range)) {
                copy[i] = null;
                found = true;
            }
        }
        if (!found) {
            throw new IllegalArgumentException("ports " + range + " are not mapped");
        }
        ports = copy;
    }

    public IoResult read(int port, int size, IoValue out) {
        Entry e = entry(port);
        if (e == null) {
            out.set(-1L);
            return IoResult.OK;
        }
        return e.target().ioRead(port, size, out);
    }

    public IoResult write(int port, int size, long value) {
        Entry e = entry(port);
        return e == null ? IoResult.OK : e.target().ioWrite(port, size, value);
    }

    /** How many ports are mapped (for inspection). */
    public int mappedPorts() {
        int n = 0;
        for (Entry e : ports) {
            n += e == null ? 0 : 1;
        }
        return n;
    }

    private Entry entry(int port) {
        int i = port - window.start();
        Entry[] table = ports;
        return i >= 0 && i < table.length ? table[i] : null;
    }
}
