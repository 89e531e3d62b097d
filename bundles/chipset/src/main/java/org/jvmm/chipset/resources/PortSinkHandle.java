package org.jvmm.chipset.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * Harmless ports that accept writes and read as all ones, such as the POST code port 0x80 and the
 * I/O delay port 0xED. The last value written is shown by inspect.
 *
 * @param name   device name, e.g. {@code post}
 * @param port   first port
 * @param length number of ports
 */
@HandleType(kind = "chipset_device_handle", id = "port_sink")
public record PortSinkHandle(String name, int port, int length) implements ResourceHandle {
    public PortSinkHandle {
        HandleChecks.name("chipset_device_handle:port_sink", name);
        HandleChecks.port("chipset_device_handle:port_sink", "port", port, length);
    }

    /** The POST diagnostic port 0x80. */
    public static PortSinkHandle post() {
        return new PortSinkHandle("post", 0x80, 1);
    }

    /** The port 0xED Linux may use for I/O delays. */
    public static PortSinkHandle ioDelay() {
        return new PortSinkHandle("io-delay", 0xED, 1);
    }
}
