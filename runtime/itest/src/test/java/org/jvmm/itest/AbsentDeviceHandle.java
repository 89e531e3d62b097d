package org.jvmm.itest;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** A chipset device that no bundle in the test framework resolves. */
@HandleType(kind = AbsentDeviceHandle.KIND, id = AbsentDeviceHandle.ID)
record AbsentDeviceHandle(String name) implements ResourceHandle {
    static final String KIND = "chipset_device_handle";
    static final String ID = "itest-absent";
}
