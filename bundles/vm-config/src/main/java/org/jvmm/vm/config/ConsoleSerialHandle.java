package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** The port is connected to this process's stdin and stdout (OpenVMM `console`). */
@HandleType(kind = "serial_handle", id = "console")
public record ConsoleSerialHandle() implements ResourceHandle {
}
