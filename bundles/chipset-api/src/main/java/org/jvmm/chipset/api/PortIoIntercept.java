package org.jvmm.chipset.api;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/** Port I/O of a device. {@code size} is 1, 2 or 4. */
@ConsumerType
public interface PortIoIntercept {
    /** The static port ranges this device claims. */
    List<PortRange> portRanges();

    IoResult ioRead(int port, int size, IoValue out);

    IoResult ioWrite(int port, int size, long value);
}
