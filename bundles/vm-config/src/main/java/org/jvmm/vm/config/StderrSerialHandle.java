package org.jvmm.vm.config;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** Guest output goes to this process's stderr; no input (OpenVMM `stderr`). */
@HandleType(kind = "serial_handle", id = "stderr")
public record StderrSerialHandle() implements ResourceHandle {
}
