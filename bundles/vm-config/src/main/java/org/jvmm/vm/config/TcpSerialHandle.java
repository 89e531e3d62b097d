package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** The port listens on a TCP address, {@code host:port} (OpenVMM {@code listen=tcp:ADDR}). */
@HandleType(kind = "serial_handle", id = "tcp")
public record TcpSerialHandle(String address) implements ResourceHandle {
    public TcpSerialHandle {
        Check.notBlank(address, "serial.backend.address");
        int colon = address.lastIndexOf(':');
        if (colon < 0 || !address.substring(colon + 1).matches("[0-9]{1,5}")
                || Integer.parseInt(address.substring(colon + 1)) > 65535) {
            throw new IllegalArgumentException("serial.backend.address: must be host:port, got " + address);
        }
    }
}
