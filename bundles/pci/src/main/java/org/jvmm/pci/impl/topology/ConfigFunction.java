package org.jvmm.pci.impl.topology;

import org.jvmm.inspect.InspectNode;

/** One PCI function on a bus, as config cycles reach it. Offsets are dword-aligned, 0..4092. */
public interface ConfigFunction {
    int read(int offset);

    void write(int offset, int value, int byteEnables);

    /** Power-on state of the function's registers (VM reset); hot-plug presence survives. */
    void reset();

    /** A conventional reset from the bus above (secondary bus reset): the function and everything below. */
    void hotReset();

    /** What it is, for inspection: {@code host-bridge}, {@code root-port rp0}, a device name. */
    String describe();

    void inspect(InspectNode node);
}
