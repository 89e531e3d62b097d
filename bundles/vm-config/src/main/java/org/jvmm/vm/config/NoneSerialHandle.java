package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** The port exists but is connected to nothing (OpenVMM `none`). */
@HandleType(kind = "serial_handle", id = "none")
public record NoneSerialHandle() implements ResourceHandle {
}
