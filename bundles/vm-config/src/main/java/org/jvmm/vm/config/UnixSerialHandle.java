package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * The port listens on a Unix-domain socket at {@code path} (OpenVMM {@code listen=PATH}), for one
 * client at a time, e.g. {@code socat -,raw,echo=0 UNIX-CONNECT:PATH}. The file must not exist; it
 * is removed when the VM stops.
 */
@HandleType(kind = "serial_handle", id = "unix")
public record UnixSerialHandle(String path) implements ResourceHandle {
    public UnixSerialHandle {
        Check.notBlank(path, "serial.backend.path");
    }
}
