package org.jvmm.itest;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** A network endpoint that no bundle in the test framework resolves. */
@HandleType(kind = "net_endpoint_handle", id = "itest-absent")
record AbsentEndpointHandle() implements ResourceHandle {
}
