package org.jvmm.chipset.api;

/** A range of I/O ports claimed by a device, with a name for inspection and conflicts. */
public record PortRange(String name, int start, int length) {
    public PortRange {
        if (start < 0 || length < 1 || start + length > 0x10000) {
            throw new IllegalArgumentException("port range " + name + ": outside 0..0xFFFF");
        }
    }

    public boolean contains(int port) {
        return port >= start && port < start + length;
    }
}
