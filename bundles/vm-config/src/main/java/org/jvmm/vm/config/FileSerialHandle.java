package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** Guest output is appended to a file; no input (OpenVMM {@code file=PATH}). */
@HandleType(kind = "serial_handle", id = "file")
public record FileSerialHandle(String path) implements ResourceHandle {
    public FileSerialHandle {
        Check.notBlank(path, "serial.backend.path");
    }
}
