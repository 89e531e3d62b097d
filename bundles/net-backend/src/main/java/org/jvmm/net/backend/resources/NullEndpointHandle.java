package org.jvmm.net.backend.resources;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** A NIC connected to nothing (OpenVMM's {@code --net none}): frames sent are counted and dropped, none arrive. */
@HandleType(kind = "net_endpoint_handle", id = "null")
public record NullEndpointHandle() implements ResourceHandle {
}
