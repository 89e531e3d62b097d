package org.jvmm.devices.virtio.resources;

import java.util.Objects;
import org.jvmm.vmm.resource.HandleType;
import org.jvmm.vmm.resource.ResourceHandle;

/**
 * A virtio console with a single port (the guest's {@code /dev/hvc0}).
 *
 * @param backend a {@code serial_handle} (console, stderr, file, tcp, none), as for a 16550 UART
 */
@HandleType(kind = "virtio", id = "virtio-console")
public record VirtioConsoleHandle(ResourceHandle backend) implements ResourceHandle {
    public VirtioConsoleHandle {
        Objects.requireNonNull(backend, "virtio:virtio-console: backend is required");
        if (!"serial_handle".equals(backend.kind())) {
            throw new IllegalArgumentException("virtio:virtio-console: backend must be a serial_handle, got "
                    + backend.key());
        }
    }
}
