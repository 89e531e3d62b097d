package org.jvmm.devices.virtio.driver;

import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/** A {@code disk_handle} for resolver tests (answered by a {@link FakeResolveContext}). */
@HandleType(kind = "disk_handle", id = "test")
public record TestDiskHandle(String name) implements ResourceHandle {
}
